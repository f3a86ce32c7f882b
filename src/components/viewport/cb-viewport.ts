import { CbViewport } from './viewport.js';
import { defineElement } from '../../internal/define-element.js';
import { resolveLocale, warmFormats } from '../../i18n/locale.js';

defineElement('cb-viewport', CbViewport);
// Server rendering (Next.js, Nuxt, Astro import the element in Node) has no document.
if (typeof document !== 'undefined') warmFormats(resolveLocale(document.documentElement));

declare global {
  interface HTMLElementTagNameMap {
    'cb-viewport': CbViewport;
  }
}
