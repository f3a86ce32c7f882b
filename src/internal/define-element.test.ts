import { expect } from '@open-wc/testing';
import { defineElement } from './define-element.js';

describe('defineElement', () => {
  it('keeps the first registration when a second copy of the library defines the same tag', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    defineElement('cb-define-probe', First);
    expect(() => {
      defineElement('cb-define-probe', Second);
    }).not.to.throw();
    expect(customElements.get('cb-define-probe')).to.equal(First);
  });
});
