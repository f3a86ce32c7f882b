/**
 * The volume worker as a bundler sees it: the form Vite, webpack 5 and Parcel follow (see
 * bundled-worker.ts; scripts/build/worker-entry.mjs keeps it in the npm build). The standalone
 * build substitutes bundled-volume-worker.standalone.ts, whose worker URL is known.
 */
export function startBundledVolumeWorker(): Worker {
  return new Worker(new URL('./volume-worker.ts', import.meta.url), { type: 'module' });
}

/** The bundled worker's URL where this build knows it; a bundler's output does not say. */
export function bundledVolumeWorkerUrl(): URL | undefined {
  return undefined;
}
