import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLocale } from '../i18n/locale.js';
import { stringsFor, type Locale, type Strings } from '../i18n/strings.js';

const WATCH_LANG: MutationObserverInit = {
  attributes: true,
  attributeFilter: ['lang'],
  subtree: true,
};

/**
 * An element's language: its own `lang`, else the closest `[lang]` ancestor in its tree, else
 * `<html lang>`, else English (HTML "The lang and xml:lang attributes": the language is
 * inherited from the nearest ancestor that sets one). The host re-renders when the result
 * changes: its own or an ancestor's `lang` is set, or it is moved under another `[lang]`.
 * One controller for every element, instead of each observing `lang` on itself.
 */
export class LanguageController implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  #observer: MutationObserver | undefined;
  /** What the last render used: a `lang` change that resolves to the same language costs nothing. */
  #rendered: Locale | undefined;

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  /** The language to render in now. */
  get locale(): Locale {
    this.#rendered = resolveLocale(this.#host);
    return this.#rendered;
  }

  /** That language's table (src/i18n/). */
  get strings(): Strings {
    return stringsFor(this.locale);
  }

  hostConnected(): void {
    const check = (): void => {
      if (resolveLocale(this.#host) !== this.#rendered) this.#host.requestUpdate();
    };
    this.#observer = new MutationObserver(check);
    // The host's tree (the document, or the shadow root it sits in: closest() stops there)
    // holds the host and every ancestor that can lend it a `lang`; `<html lang>` is the last
    // resort from inside a shadow root.
    const root = this.#host.getRootNode();
    if (root instanceof Document || root instanceof ShadowRoot)
      this.#observer.observe(root, WATCH_LANG);
    if (root !== this.#host.ownerDocument)
      this.#observer.observe(this.#host.ownerDocument.documentElement, {
        attributes: true,
        attributeFilter: ['lang'],
      });
    // A move may have changed the closest [lang] ancestor.
    check();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
