import { CbViewport } from './viewport.js';
import { defineElement } from '../../internal/define-element.js';
import { resolveLocale, warmFormats } from '../../i18n/locale.js';

defineElement('cb-viewport', CbViewport);
warmFormats(resolveLocale(document.documentElement));

declare global {
  interface HTMLElementTagNameMap {
    'cb-viewport': CbViewport;
  }
}
