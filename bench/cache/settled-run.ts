// How both cache bench pages start and report: run.mjs reads `window.benchResult` (page.evaluate).

/**
 * Runs `run` as a portal page meets its user opening a patient — the library loaded and the
 * page idle (what Courbaril does once when it loads, such as making its number and date
 * formatters, is done) — and leaves its result, or why it failed, on `window.benchResult`.
 */
export function runWhenSettled<T>(run: () => Promise<T>): void {
  const publish = (value: T | { error: string }): void => {
    // Not declared on Window: the loading pages declare theirs.
    Reflect.set(window, 'benchResult', value);
  };
  new Promise((resolve) => setTimeout(resolve, 300))
    .then(() => new Promise((resolve) => requestIdleCallback(resolve)))
    .then(run)
    .then(publish, (error: unknown) => {
      publish({
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    });
}
