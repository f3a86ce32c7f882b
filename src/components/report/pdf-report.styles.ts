import { css } from 'lit';

export const pdfReportStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 240px;
    background: var(--cb-report-background, #111418);
    color: var(--cb-report-color, #e8eaed);
    font: var(--cb-report-font, 14px/1.5 system-ui, sans-serif);
  }
  .toolbar {
    display: flex;
    justify-content: flex-end;
    padding: 0.25rem 0.5rem;
  }
  a {
    color: var(--cb-report-link-color, #8cc4ff);
  }
  a:focus-visible {
    outline: 2px solid var(--cb-report-focus-color, #4da3ff);
    outline-offset: 2px;
  }
  object {
    flex: 1;
    width: 100%;
    min-height: 200px;
    border: 0;
    background: #fff;
  }
  p {
    margin: 1rem;
  }
`;
