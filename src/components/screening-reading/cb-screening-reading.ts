import { CbScreeningReading } from './screening-reading.js';
import { defineElement } from '../../internal/define-element.js';

defineElement('cb-screening-reading', CbScreeningReading);

declare global {
  interface HTMLElementTagNameMap {
    'cb-screening-reading': CbScreeningReading;
  }
}
