/** A DecodePool whose workers can say which URLs they fetched (see resource-counting-worker.ts). */
import { DecodePool } from '../../src/workers/decode-pool.js';

export interface CountingPool {
  readonly pool: DecodePool;
  /** The workers the pool started, in order. */
  readonly workers: Worker[];
}

export function countingPool(size: number): CountingPool {
  const workers: Worker[] = [];
  const pool = new DecodePool({
    size,
    createWorker: () => {
      const worker = new Worker(new URL('./resource-counting-worker.ts', import.meta.url), {
        type: 'module',
      });
      workers.push(worker);
      return worker;
    },
  });
  return { pool, workers };
}

/** URLs a worker fetched so far (its own Resource Timing entries). */
export function fetchedBy(worker: Worker): Promise<string[]> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent<unknown>): void => {
      const data = event.data;
      if (typeof data === 'object' && data !== null && 'cbResourceEntries' in data) {
        worker.removeEventListener('message', onMessage);
        resolve((data as { cbResourceEntries: string[] }).cbResourceEntries);
      }
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage({ cbResourceQuery: true });
  });
}

// The binary itself, not the test server's `?url-module` stub that exports its URL.
const OPENJPEG_WASM = /openjpegwasm_decode\.wasm$/;

/** How many times these URLs include OpenJPEG's WebAssembly binary. */
export const openjpegFetches = (urls: readonly string[]): number =>
  urls.filter((url) => OPENJPEG_WASM.test(url)).length;
