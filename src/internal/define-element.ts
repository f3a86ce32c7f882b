/**
 * Registers a custom element once. A page may load Courbaril twice (the standalone module and
 * a vendor's bundle): the first registration wins instead of `define` throwing and breaking
 * the second copy's other elements. Where there is no registry (server rendering without a
 * DOM shim), importing an element module registers nothing and does not throw.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (registry && !registry.get(tag)) registry.define(tag, element);
}
