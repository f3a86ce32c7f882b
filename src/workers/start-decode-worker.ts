import { bundledDecodeWorkerUrl, startBundledDecodeWorker } from './bundled-worker.js';
import { startModuleWorker } from './module-worker.js';
import { workerOptions } from './worker-options.js';

/** Where the decode worker sits in a copy of the standalone build (see WorkerOptions.assetBase). */
export const STANDALONE_WORKER_PATH = 'assets/decode-worker.js';

/**
 * Starts one decode worker as the page's worker options say: from `assetBase`, through the
 * host's `createWorker`, or the worker the build bundled.
 */
export function startDecodeWorker(): Worker {
  const { assetBase, createWorker } = workerOptions();
  const url =
    assetBase === undefined
      ? bundledDecodeWorkerUrl()
      : new URL(STANDALONE_WORKER_PATH, new URL(String(assetBase), globalThis.location.href));
  if (url && createWorker) return createWorker(url);
  return url ? startModuleWorker(url) : startBundledDecodeWorker();
}
