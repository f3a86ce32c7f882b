/**
 * An EventTarget whose `addEventListener('cb-…')` hands the listener the event's own class, as
 * `GlobalEventHandlersEventMap` does for elements: a non-element dispatcher (SeriesLoader) gets
 * the same typing without each caller casting.
 */
export class TypedEventTarget<EventMap extends object> extends EventTarget {
  override addEventListener<K extends keyof EventMap & string>(
    type: K,
    listener: ((event: EventMap[K]) => void) | { handleEvent(event: EventMap[K]): void } | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof EventMap & string>(
    type: K,
    listener: ((event: EventMap[K]) => void) | { handleEvent(event: EventMap[K]): void } | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener, options);
  }
}
