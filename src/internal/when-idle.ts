/**
 * Resolves in the page's next idle period (requestIdleCallback), or after `timeoutMs` when
 * the page stays busy that long; at once-ish (a task) where idle callbacks do not exist.
 * For work that is worth doing early but must not delay what the user is waiting for.
 */
export function whenIdle(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(
        () => {
          resolve();
        },
        { timeout: timeoutMs },
      );
    else setTimeout(resolve, 0);
  });
}

/**
 * For a viewer's background work (checking cached answers with the server, thumbnails, prior
 * prefetch): a little after it opened, in an idle moment. The page's first idle moments come
 * while IndexedDB is read, before the first image; work started then lands on its path (its
 * parse, its decodes, the server's own work on the same cores).
 */
export function inBackground(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, BACKGROUND_DELAY_MS)).then(() =>
    whenIdle(1000),
  );
}

const BACKGROUND_DELAY_MS = 300;
