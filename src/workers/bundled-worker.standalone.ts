/**
 * The standalone build's decode worker (vite.config.ts puts this module in place of
 * bundled-worker.ts). Vite bundles the worker and gives its URL, resolved from this module's
 * own URL, so the worker can start through a Trusted Types policy and, when the module came
 * from another origin (a CDN), through a same-origin `blob:` bootstrap (module-worker.ts).
 */
import workerPath from './decode-worker.ts?worker&url';
import { startModuleWorker } from './module-worker.js';

export function bundledDecodeWorkerUrl(): URL | undefined {
  return new URL(workerPath, import.meta.url);
}

export function startBundledDecodeWorker(): Worker {
  return startModuleWorker(new URL(workerPath, import.meta.url));
}
