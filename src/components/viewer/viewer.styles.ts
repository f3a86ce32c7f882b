import { css } from 'lit';

export const viewerStyles = css`
  :host {
    --cb-viewer-background: #0b0d10;
    --cb-viewer-color: #e6e8eb;
    --cb-viewer-muted-color: #9aa3ad;
    --cb-viewer-accent-color: #4fb3ff;
    --cb-viewer-rule-color: #2a2f36;
    --cb-viewer-cell-background: #000;
    --cb-viewer-focus-color: #ffbf47;
    --cb-viewer-prior-color: #ffd58a;
    --cb-viewer-font: 13px/1.4 system-ui, sans-serif;
    display: flex;
    flex-direction: column;
    min-height: 320px;
    height: 100%;
    box-sizing: border-box;
    background: var(--cb-viewer-background);
    color: var(--cb-viewer-color);
    font: var(--cb-viewer-font);
    contain: content;
  }
  :host([theme='light']) {
    --cb-viewer-background: #f4f6f8;
    --cb-viewer-color: #14181d;
    --cb-viewer-muted-color: #4b5560;
    --cb-viewer-accent-color: #0a5fa8;
    --cb-viewer-rule-color: #c9d0d7;
    --cb-viewer-focus-color: #b35c00;
    --cb-viewer-prior-color: #8a4b00;
  }
  :host([hidden]) {
    display: none;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 12px;
    align-items: center;
    padding: 6px 8px;
    border-bottom: 1px solid var(--cb-viewer-rule-color);
  }
  .presentation-states {
    display: flex;
    gap: 8px;
    align-items: center;
    padding: 4px 8px;
    border-bottom: 1px solid var(--cb-viewer-rule-color);
  }
  .key-images {
    display: flex;
    gap: 6px 12px;
    align-items: center;
    padding: 4px 8px;
    border-bottom: 1px solid var(--cb-viewer-rule-color);
  }
  .selection-title {
    font-weight: 600;
  }
  .toolbar [role='group'] {
    display: inline-flex;
    gap: 2px;
    align-items: center;
  }
  .group-label {
    color: var(--cb-viewer-muted-color);
    margin-right: 4px;
  }
  button,
  select {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--cb-viewer-rule-color);
    border-radius: 4px;
    padding: 3px 8px;
    cursor: pointer;
  }
  select option {
    color: #000;
  }
  button[aria-pressed='true'] {
    background: var(--cb-viewer-accent-color);
    border-color: var(--cb-viewer-accent-color);
    color: #000;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--cb-viewer-focus-color);
    outline-offset: 2px;
  }
  .offline {
    margin: 0;
    padding: 4px 8px;
    background: var(--cb-viewer-offline-background, #6b4e00);
    color: var(--cb-viewer-offline-color, #fff);
  }
  .identity {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    align-items: baseline;
    padding: 4px 8px;
    border-bottom: 1px solid var(--cb-viewer-rule-color);
  }
  .identity .not-qualified {
    color: var(--cb-viewer-muted-color);
  }
  .cell.identity-mismatch {
    outline: 3px solid var(--cb-viewer-identity-alert-color, #d62828);
    outline-offset: -3px;
  }
  .identity-alert {
    position: absolute;
    z-index: 2;
    left: 0;
    right: 0;
    bottom: 0;
    margin: 0;
    padding: 4px 8px;
    background: var(--cb-viewer-identity-alert-color, #d62828);
    color: #fff;
  }
  .body {
    flex: 1;
    display: flex;
    min-height: 0;
  }
  aside {
    width: 260px;
    flex: none;
    overflow: auto;
    border-right: 1px solid var(--cb-viewer-rule-color);
  }
  .grid-host {
    flex: 1;
    display: flex;
    min-width: 0;
    min-height: 0;
  }
  .grid {
    flex: 1;
    display: grid;
    gap: 2px;
    min-width: 0;
    min-height: 0;
    background: var(--cb-viewer-rule-color);
  }
  .cell {
    position: relative;
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--cb-viewer-cell-background);
    outline: none;
  }
  .cell.active {
    box-shadow: inset 0 0 0 1px var(--cb-viewer-accent-color);
  }
  .cell:focus-within {
    box-shadow: inset 0 0 0 2px var(--cb-viewer-focus-color);
  }
  .cell-label {
    flex: none;
    padding: 1px 6px;
    background: var(--cb-viewer-background);
    color: var(--cb-viewer-color);
    font-size: 12px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .cell-label .role {
    color: var(--cb-viewer-prior-color);
  }
  cb-viewport,
  .report {
    flex: 1;
    min-height: 0;
  }
  .report {
    overflow: auto;
  }
  .message {
    margin: auto;
    padding: 1em;
    color: #c4ccd4;
    text-align: center;
  }
  .cell-error {
    margin: auto;
    display: flex;
    gap: 0.6em;
    align-items: center;
    justify-content: center;
    padding: 0.4em 0.6em;
    border-radius: 0.3em;
    background: rgb(90 20 20 / 85%);
    color: #fff;
  }
  .cell-error.over-image {
    position: absolute;
    inset: auto 0.5em 1.5em 0.5em;
  }
`;
