/**
 * What a test waits for: an event, a condition, the next frames the page draws — never a span of
 * time. A fixed sleep is too short on a loaded machine and too long on an idle one; these waits
 * end when the thing happens, and name it in their error when it does not.
 */

/** Resolves after `count` animation frames: whatever was scheduled to draw before has drawn. */
export async function animationFrames(count = 1): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/**
 * Resolves in a task of its own (a message, not a timer): work queued as tasks before it, such
 * as FinalizationRegistry callbacks after a collection, has run.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/**
 * The probe's first truthy answer, checked at once and then once per animation frame (what the
 * page shows changes at most that often); the probe may be asynchronous (an IndexedDB count).
 * Rejects naming `what` when `timeoutMs` passes without one.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if (result !== undefined && result !== null && result !== false) return result;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await animationFrames();
  }
}

/**
 * The next `type` event on `target` that `accepts` (all by default). Listen before causing it:
 * the promise sees only events dispatched after the call.
 */
export function eventOn<E extends Event>(
  target: EventTarget,
  type: string,
  accepts: (event: E) => boolean = () => true,
  timeoutMs = 20000,
): Promise<E> {
  return new Promise((resolve, reject) => {
    const listener = (event: Event): void => {
      if (!accepts(event as E)) return;
      done();
      resolve(event as E);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${type} within ${String(timeoutMs)} ms`));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      target.removeEventListener(type, listener);
    };
    target.addEventListener(type, listener);
  });
}

/**
 * A `fetch` hook that parks matching requests before they reach the network until the test
 * releases them, so it can read the order a scheduler sends them in without racing the server.
 */
export interface FetchGate {
  readonly fetch: typeof fetch;
  /** URLs of the matching requests, in the order they were made (released or not). */
  readonly sent: readonly string[];
  /** How many matching requests are parked now. */
  readonly parked: number;
  /** Lets the oldest parked request go on to the network. */
  releaseOne(): void;
  /** Lets every parked request go, and every later one through at once. */
  open(): void;
}

export function fetchGate(matches: (url: string) => boolean): FetchGate {
  const sent: string[] = [];
  const waiting: (() => void)[] = [];
  let opened = false;
  const hook: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (matches(url)) {
      sent.push(url);
      init?.signal?.throwIfAborted();
      if (!opened)
        await new Promise<void>((resolve, reject) => {
          const release = (): void => {
            resolve();
          };
          waiting.push(release);
          init?.signal?.addEventListener(
            'abort',
            () => {
              const at = waiting.indexOf(release);
              if (at >= 0) waiting.splice(at, 1);
              reject(init.signal?.reason as Error);
            },
            { once: true },
          );
        });
    }
    return fetch(input, init);
  };
  return {
    fetch: hook,
    sent,
    get parked() {
      return waiting.length;
    },
    releaseOne() {
      waiting.shift()?.();
    },
    open() {
      opened = true;
      for (const release of waiting.splice(0)) release();
    },
  };
}
