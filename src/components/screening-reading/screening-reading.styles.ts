import { css } from 'lit';

export const screeningReadingStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto 1fr;
    grid-template-columns: 1fr var(--cb-screening-form-width, 26rem);
    box-sizing: border-box;
    height: 100%;
    min-height: 30rem;
    background: var(--cb-screening-background, #0b0d10);
    color: var(--cb-screening-color, #e8eaed);
    font:
      14px/1.45 system-ui,
      sans-serif;
  }
  :host(:focus-visible) {
    outline: 2px solid var(--cb-screening-focus-color, #6cb6ff);
  }
  header {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 1.25rem;
    padding: 0.4rem 0.75rem;
    border-bottom: 1px solid #3c4043;
  }
  header h2 {
    margin: 0;
    font-size: 1em;
  }
  .keys {
    font-size: 0.85em;
    opacity: 0.8;
  }
  ol.cases {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.85em;
  }
  ol.cases li[aria-current='true'] {
    font-weight: bold;
    text-decoration: underline;
  }
  .stage {
    position: relative;
    min-height: 0;
    min-width: 0;
  }
  cb-viewer {
    height: 100%;
  }
  cb-viewer[hidden] {
    display: none;
  }
  .notice {
    margin: 2rem;
    font-size: 1.1em;
  }
  aside {
    min-height: 0;
    overflow: auto;
    border-left: 1px solid #3c4043;
  }
`;
