import { CbStudyBrowser } from './study-browser.js';
import { defineElement } from '../../internal/define-element.js';

defineElement('cb-study-browser', CbStudyBrowser);

declare global {
  interface HTMLElementTagNameMap {
    'cb-study-browser': CbStudyBrowser;
  }
}
