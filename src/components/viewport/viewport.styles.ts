import { css } from 'lit';

export const viewportStyles = css`
  :host {
    display: block;
    position: relative;
    overflow: hidden;
    contain: layout paint;
    background: var(--cb-viewport-background, #000);
    color: var(--cb-viewport-overlay-color, #f2f2f2);
    font: var(--cb-viewport-overlay-font, 12px/1.35 system-ui, sans-serif);
    touch-action: none;
    user-select: none;
    outline: none;
    min-height: 128px;
  }
  :host(:focus-visible) {
    box-shadow: inset 0 0 0 2px var(--cb-viewport-focus-color, #4da3ff);
  }
  .stage,
  .stage canvas,
  .shutter,
  .annotations,
  .overlay {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  .stage canvas {
    display: block;
  }
  .shutter {
    pointer-events: none;
  }
  .annotations {
    overflow: visible;
    pointer-events: none;
  }
  .annotations * {
    vector-effect: non-scaling-stroke;
  }
  .annotations .shape {
    fill: none;
    stroke: var(--cb-viewport-annotation-color, #ffd400);
    stroke-width: 1.5;
  }
  .annotations text {
    fill: var(--cb-viewport-annotation-color, #ffd400);
    font-size: 12px;
    paint-order: stroke;
    stroke: #000;
    stroke-width: 3px;
  }
  .overlay {
    pointer-events: none;
    text-shadow:
      0 0 2px #000,
      0 0 2px #000;
  }
  .corner {
    position: absolute;
    margin: 0.4em 0.6em;
    white-space: pre;
    /* Small cells (mammography 2×4): each corner keeps to its half instead of overrunning the other. */
    max-width: calc(50% - 1.2em);
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .top-left {
    top: 0;
    left: 0;
  }
  .top-right {
    top: 0;
    right: 0;
    text-align: right;
  }
  .bottom-left {
    bottom: 0;
    left: 0;
  }
  .bottom-right {
    bottom: 0;
    right: 0;
    text-align: right;
  }
  .marker {
    position: absolute;
    font-weight: 600;
  }
  .marker.top {
    top: 0.4em;
    left: 50%;
    transform: translateX(-50%);
  }
  .marker.bottom {
    bottom: 0.4em;
    left: 50%;
    transform: translateX(-50%);
  }
  .marker.left {
    left: 0.4em;
    top: 50%;
    transform: translateY(-50%);
  }
  .marker.right {
    right: 0.4em;
    top: 50%;
    transform: translateY(-50%);
  }
  .scale-bar {
    position: absolute;
    right: 0.6em;
    bottom: 3.5em;
    border: 1px solid currentColor;
    border-top: none;
    height: 4px;
  }
  .scale-bar span {
    position: absolute;
    right: 0;
    white-space: nowrap;
  }
  .scale-bar .length {
    bottom: 6px;
  }
  .scale-bar .sizes {
    top: 6px;
    font-size: 0.85em;
  }
  .locked-note {
    position: absolute;
    top: 0.4em;
    left: 50%;
    transform: translateX(-50%);
    white-space: nowrap;
  }
  .progress {
    position: absolute;
    left: 0;
    bottom: 0;
    height: 3px;
    background: var(--cb-viewport-progress-color, #4da3ff);
  }
  .marks {
    position: absolute;
    left: 50%;
    top: 1.6em;
    transform: translateX(-50%);
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.3em;
    pointer-events: none;
  }
  .lossy {
    padding: 0.15em 0.6em;
    border-radius: 0.3em;
    background: rgb(150 90 0 / 85%);
    color: #fff;
    font: var(--cb-viewport-overlay-font, 12px system-ui, sans-serif);
    white-space: nowrap;
  }
  .partial,
  .preview {
    padding: 0.15em 0.6em;
    border-radius: 0.3em;
    background: rgb(160 0 0 / 80%);
    color: #fff;
    font: var(--cb-viewport-overlay-font, 12px system-ui, sans-serif);
    white-space: nowrap;
    pointer-events: none;
  }
  .preview {
    background: rgb(0 70 140 / 85%);
  }
  .stand-in {
    position: absolute;
    left: 50%;
    bottom: 1.6em;
    transform: translateX(-50%);
    padding: 0.15em 0.6em;
    border-radius: 0.3em;
    background: rgb(0 0 0 / 70%);
    color: var(--cb-viewport-overlay-color, #fff);
    font: var(--cb-viewport-overlay-font, 12px system-ui, sans-serif);
    white-space: nowrap;
    pointer-events: none;
  }
  .error {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
  }
  .lens {
    position: absolute;
    border: 1px solid #fff;
    border-radius: 50%;
    pointer-events: none;
    overflow: hidden;
  }
  .toolbar {
    position: absolute;
    top: 1.7em;
    left: 50%;
    transform: translateX(-50%);
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-items: center;
    gap: 0;
    width: max-content;
    max-width: calc(100% - 1em);
    padding: 2px;
    border-radius: 4px;
    background: rgb(0 0 0 / 55%);
    /* Out of the reader's way until the pointer or focus is in this viewport. */
    opacity: 0;
    transition: opacity 0.15s;
  }
  :host(:hover) .toolbar,
  :host(:focus-within) .toolbar {
    opacity: 0.75;
  }
  .toolbar:hover,
  .toolbar:focus-within {
    opacity: 1;
  }
  .toolbar button {
    min-width: 24px;
    height: 24px;
    padding: 0 3px;
    border: 1px solid transparent;
    border-radius: 3px;
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
    touch-action: manipulation;
  }
  .toolbar button[aria-pressed='true'] {
    border-color: currentColor;
  }
  .toolbar button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  .toolbar button:focus-visible {
    outline: 2px solid var(--cb-viewport-focus-color, #4da3ff);
    outline-offset: 1px;
  }
  .toolbar .fps {
    min-width: 2ch;
    text-align: center;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
