import { css } from 'lit';

export const srReportStyles = css`
  :host {
    display: block;
    overflow: auto;
    box-sizing: border-box;
    padding: var(--cb-report-padding, 1rem 1.25rem);
    background: var(--cb-report-background, #111418);
    color: var(--cb-report-color, #e8eaed);
    font: var(--cb-report-font, 14px/1.5 system-ui, sans-serif);
  }
  h2,
  .heading {
    margin: 1em 0 0.4em;
    font-weight: 600;
    color: var(--cb-report-heading-color, #ffffff);
  }
  h2 {
    margin-top: 0;
    font-size: 1.3em;
  }
  .heading {
    font-size: 1.05em;
  }
  section {
    margin-left: var(--cb-report-indent, 0.75rem);
  }
  .status {
    margin: 0 0 0.75em;
    color: var(--cb-report-muted-color, #b8bec6);
  }
  dl {
    margin: 0.25em 0;
  }
  dl > div {
    display: grid;
    grid-template-columns: minmax(8em, max-content) 1fr;
    gap: 0 1em;
    padding: 0.1em 0;
  }
  dt {
    color: var(--cb-report-muted-color, #b8bec6);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .value {
    /* TextValue is UT: its line breaks are part of the text (PS3.5 6.2). */
    white-space: pre-wrap;
  }
  dd .nested {
    margin-top: 0.2em;
  }
  .context {
    border-left: 2px solid var(--cb-report-rule-color, #3a414a);
    padding-left: 0.6em;
    font-size: 0.95em;
  }
  .context-title {
    margin: 0.4em 0 0;
    color: var(--cb-report-muted-color, #b8bec6);
  }
  p {
    margin: 0.3em 0;
    white-space: pre-wrap;
  }
`;
