import { css } from 'lit';

export const studyBrowserStyles = css`
  :host {
    display: block;
    overflow: auto;
    background: var(--cb-study-browser-background, #15191e);
    color: var(--cb-study-browser-color, #e8eaed);
    font: var(--cb-study-browser-font, 13px/1.4 system-ui, sans-serif);
  }
  ol,
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .study {
    border-bottom: 1px solid var(--cb-study-browser-rule-color, #2b3138);
    padding: 0.25rem;
  }
  .study[aria-current='true'] > button {
    border-left: 3px solid var(--cb-study-browser-current-color, #4da3ff);
  }
  button {
    display: block;
    width: 100%;
    text-align: start;
    background: none;
    color: inherit;
    font: inherit;
    border: 0;
    border-left: 3px solid transparent;
    padding: 0.3rem 0.5rem;
    cursor: pointer;
  }
  button:hover {
    background: var(--cb-study-browser-hover-background, #222830);
  }
  button:focus-visible {
    outline: 2px solid var(--cb-study-browser-focus-color, #4da3ff);
    outline-offset: -2px;
  }
  .date {
    font-weight: 600;
  }
  .muted {
    color: var(--cb-study-browser-muted-color, #b8bec6);
  }
  .series button {
    padding-left: 1.25rem;
  }
  .series canvas {
    width: 48px;
    height: 48px;
    margin-right: 0.4em;
    vertical-align: middle;
    background: #000;
    object-fit: contain;
  }
`;
