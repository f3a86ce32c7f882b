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
