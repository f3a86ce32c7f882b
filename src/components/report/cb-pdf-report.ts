import { CbPdfReport } from './pdf-report.js';

customElements.define('cb-pdf-report', CbPdfReport);

declare global {
  interface HTMLElementTagNameMap {
    'cb-pdf-report': CbPdfReport;
  }
}
