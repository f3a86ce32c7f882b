import { CbStudyBrowser } from './study-browser.js';

customElements.define('cb-study-browser', CbStudyBrowser);

declare global {
  interface HTMLElementTagNameMap {
    'cb-study-browser': CbStudyBrowser;
  }
}
