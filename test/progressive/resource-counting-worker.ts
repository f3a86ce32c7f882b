/// <reference lib="webworker" />
// The real decode worker, plus one test-only answer: the URLs this worker has fetched
// (Resource Timing of a worker is its own, invisible to the page's performance timeline).
import '../../src/workers/decode-worker.js';

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && 'cbResourceQuery' in data) {
    self.postMessage({
      cbResourceEntries: performance.getEntriesByType('resource').map((entry) => entry.name),
    });
  }
});
