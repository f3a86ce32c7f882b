import { startModuleWorker } from './module-worker.js';
import { workerOptions } from './worker-options.js';

/** Where the volume worker sits in a copy of the standalone build (see WorkerOptions.assetBase). */
export const STANDALONE_VOLUME_WORKER_PATH = 'assets/volume-worker.js';

/**
 * Starts a volume worker as the page's worker options say: from `assetBase` (through the
 * host's `createWorker` when given, else a Trusted Types-checked module worker), or in the
 * form bundlers follow, `new Worker(new URL(…, import.meta.url), { type: 'module' })`.
 */
export function startVolumeWorker(): Worker {
  const { assetBase, createWorker } = workerOptions();
  if (assetBase !== undefined) {
    const base = new URL(String(assetBase), globalThis.location.href);
    const url = new URL(STANDALONE_VOLUME_WORKER_PATH, base);
    return createWorker ? createWorker(url) : startModuleWorker(url);
  }
  return new Worker(new URL('./volume-worker.ts', import.meta.url), { type: 'module' });
}
