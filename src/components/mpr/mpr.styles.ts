import { css } from 'lit';

export const mprStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    position: relative;
    min-height: 240px;
    background: var(--cb-mpr-background, #000);
    color: #f2f2f2;
    font:
      12px/1.35 system-ui,
      sans-serif;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    align-items: center;
    padding: 4px;
    background: #1c1c1c;
  }
  .toolbar button[aria-pressed='true'] {
    outline: 2px solid #4da3ff;
  }
  .toolbar input {
    width: 4em;
  }
  .planes {
    flex: 1;
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 2px;
    min-height: 0;
  }
  .pane {
    position: relative;
    overflow: hidden;
    min-height: 160px;
    touch-action: none;
    user-select: none;
    outline: none;
    contain: layout paint;
  }
  .pane:focus-visible {
    box-shadow: inset 0 0 0 2px #4da3ff;
  }
  canvas {
    position: absolute;
    image-rendering: auto;
  }
  svg.overlay {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    pointer-events: none;
    overflow: hidden;
  }
  .reference {
    stroke-width: 1;
  }
  .reference.slab {
    stroke-dasharray: 4 4;
    opacity: 0.7;
  }
  .reference.axial {
    stroke: var(--cb-mpr-axial-color, #ff5a5a);
  }
  .reference.coronal {
    stroke: var(--cb-mpr-coronal-color, #4dd24d);
  }
  .reference.sagittal {
    stroke: var(--cb-mpr-sagittal-color, #5aa0ff);
  }
  .crosshair {
    fill: none;
    stroke: #ffd84d;
  }
  text {
    fill: #f2f2f2;
    font:
      12px system-ui,
      sans-serif;
  }
  .scale-bar path,
  .measurement .shape {
    fill: none;
    stroke: #ffd84d;
    stroke-width: 1.5;
  }
  .measurement text {
    fill: #ffd84d;
  }
  .label {
    position: absolute;
    left: 6px;
    top: 4px;
    pointer-events: none;
  }
  .notice {
    position: absolute;
    left: 8px;
    bottom: 8px;
    padding: 2px 6px;
    background: rgb(0 0 0 / 60%);
  }
  .refusal {
    position: static;
    margin: auto;
    max-width: 40em;
    padding: 16px;
    background: #3a1c1c;
  }
`;
