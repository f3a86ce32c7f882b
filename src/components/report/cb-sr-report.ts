import { CbSrReport } from './sr-report.js';

customElements.define('cb-sr-report', CbSrReport);

declare global {
  interface HTMLElementTagNameMap {
    'cb-sr-report': CbSrReport;
  }
}
