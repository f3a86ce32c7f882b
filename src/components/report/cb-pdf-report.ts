import { CbPdfReport } from './pdf-report.js';
import { defineElement } from '../../internal/define-element.js';

defineElement('cb-pdf-report', CbPdfReport);

declare global {
  interface HTMLElementTagNameMap {
    'cb-pdf-report': CbPdfReport;
  }
}
