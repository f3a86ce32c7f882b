/**
 * The decode worker as a bundler sees it. This exact form, `new Worker(new URL('./x',
 * import.meta.url), { type: 'module' })`, is the one Vite, webpack 5 and Parcel follow: they
 * bundle the worker with its lazy codec chunks and `.wasm` files and rewrite the URL. The npm
 * build publishes it as `new URL('./decode-worker.js', import.meta.url)`
 * (scripts/build/worker-entry.mjs). The standalone build substitutes
 * bundled-worker.standalone.ts, whose worker URL is known.
 */
export function startBundledDecodeWorker(): Worker {
  return new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
}

/** The bundled worker's URL where this build knows it; a bundler's output does not say. */
export function bundledDecodeWorkerUrl(): URL | undefined {
  return undefined;
}
