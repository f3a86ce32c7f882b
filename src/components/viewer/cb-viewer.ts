import { CbViewer } from './viewer.js';
import '../viewport/cb-viewport.js';
import '../study-browser/cb-study-browser.js';
import '../report/cb-sr-report.js';
import '../report/cb-pdf-report.js';
import { defineElement } from '../../internal/define-element.js';

defineElement('cb-viewer', CbViewer);

declare global {
  interface HTMLElementTagNameMap {
    'cb-viewer': CbViewer;
  }
}
