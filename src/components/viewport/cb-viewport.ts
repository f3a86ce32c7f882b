import { CbViewport } from './viewport.js';

customElements.define('cb-viewport', CbViewport);

declare global {
  interface HTMLElementTagNameMap {
    'cb-viewport': CbViewport;
  }
}
