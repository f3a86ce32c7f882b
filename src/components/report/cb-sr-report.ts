import { CbSrReport } from './sr-report.js';
import { defineElement } from '../../internal/define-element.js';

defineElement('cb-sr-report', CbSrReport);

declare global {
  interface HTMLElementTagNameMap {
    'cb-sr-report': CbSrReport;
  }
}
