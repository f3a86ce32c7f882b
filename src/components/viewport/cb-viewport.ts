import { CbViewport } from './viewport.js';
import { defineElement } from '../../internal/define-element.js';

defineElement('cb-viewport', CbViewport);

declare global {
  interface HTMLElementTagNameMap {
    'cb-viewport': CbViewport;
  }
}
