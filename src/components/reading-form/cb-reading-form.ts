import { CbReadingForm } from './reading-form.js';
import { defineElement } from '../../internal/define-element.js';

defineElement('cb-reading-form', CbReadingForm);

declare global {
  interface HTMLElementTagNameMap {
    'cb-reading-form': CbReadingForm;
  }
}
