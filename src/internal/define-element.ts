/**
 * Registers a custom element once. A page may load Courbaril twice (the standalone module and
 * a vendor's bundle): the first registration wins instead of `define` throwing and breaking
 * the second copy's other elements.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
