/**
 * The standalone build's volume worker (in place of bundled-volume-worker.ts): Vite bundles it
 * as `assets/volume-worker.js` and gives its URL, so it starts through the Trusted Types policy
 * and, from another origin, through a same-origin `blob:` bootstrap (module-worker.ts).
 */
import workerPath from './volume-worker.ts?worker&url';
import { startModuleWorker } from './module-worker.js';

export function bundledVolumeWorkerUrl(): URL | undefined {
  return new URL(workerPath, import.meta.url);
}

export function startBundledVolumeWorker(): Worker {
  return startModuleWorker(new URL(workerPath, import.meta.url));
}
