import { startBundledVolumeWorker } from './bundled-volume-worker.js';
import { startModuleWorker } from './module-worker.js';
import { workerOptions } from './worker-options.js';

/** Where the volume worker sits in a copy of the standalone build (see WorkerOptions.assetBase). */
export const STANDALONE_VOLUME_WORKER_PATH = 'assets/volume-worker.js';

/**
 * Starts a volume worker as the page's worker options say: from `assetBase` (through the
 * host's `createWorker` when given, else a Trusted Types-checked module worker), or the worker
 * the build bundled.
 */
export function startVolumeWorker(): Worker {
  const { assetBase, createWorker } = workerOptions();
  if (assetBase !== undefined) {
    const base = new URL(String(assetBase), globalThis.location.href);
    const url = new URL(STANDALONE_VOLUME_WORKER_PATH, base);
    return createWorker ? createWorker(url) : startModuleWorker(url);
  }
  return startBundledVolumeWorker();
}
