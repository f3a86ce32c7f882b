import { CbViewer } from './viewer.js';
import '../viewport/cb-viewport.js';
import '../study-browser/cb-study-browser.js';
import '../report/cb-sr-report.js';
import '../report/cb-pdf-report.js';

if (!customElements.get('cb-viewer')) customElements.define('cb-viewer', CbViewer);

declare global {
  interface HTMLElementTagNameMap {
    'cb-viewer': CbViewer;
  }
}
