import { css } from 'lit';

export const readingFormStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    padding: 0.75rem 1rem;
    background: var(--cb-reading-background, #111418);
    color: var(--cb-reading-color, #e8eaed);
    font:
      14px/1.45 system-ui,
      sans-serif;
  }
  :host(:focus-visible) {
    outline: 2px solid var(--cb-reading-focus-color, #6cb6ff);
  }
  .keys {
    margin: 0 0 0.5em;
    font-size: 0.85em;
    opacity: 0.8;
  }
  .breasts {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 0.75rem;
  }
  fieldset {
    border: 1px solid #3c4043;
    border-radius: 4px;
    margin: 0 0 0.5rem;
  }
  .breast[aria-current='true'],
  .view[aria-current='true'] {
    outline: 2px solid var(--cb-reading-focus-color, #6cb6ff);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    margin: 0.25em 0;
  }
  .choices .label {
    font-weight: 600;
    width: 100%;
  }
  .view {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.6em;
    padding: 0.2em;
  }
  .view-name {
    font-weight: 600;
  }
  kbd {
    font-size: 0.8em;
    border: 1px solid #5f6368;
    border-radius: 3px;
    padding: 0 0.25em;
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 3em;
    box-sizing: border-box;
  }
  .finding {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  table {
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.2em 0.6em;
    text-align: left;
  }
  tr.disagreement {
    box-shadow: inset 4px 0 0 var(--cb-reading-disagreement-color, #f28b82);
    font-weight: 600;
  }
`;
