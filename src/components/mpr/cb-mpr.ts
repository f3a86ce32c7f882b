import { CbMpr } from './mpr.js';
import { defineElement } from '../../internal/define-element.js';

defineElement('cb-mpr', CbMpr);

declare global {
  interface HTMLElementTagNameMap {
    'cb-mpr': CbMpr;
  }
}
