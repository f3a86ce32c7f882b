// How each build makes the workers (see src/workers/bundled-worker.ts).
import path from 'node:path';

/**
 * Each worker: the module that starts it in the form bundlers follow, that form's URL, and the
 * worker's file in the npm build. The standalone build swaps each `bundled` module for its
 * `.standalone.ts` sibling.
 */
export const WORKERS = [
  {
    bundled: /[\\/]src[\\/]workers[\\/]bundled-worker\.ts$/,
    canonical: "new URL('./decode-worker.ts', import.meta.url)",
    output: 'workers/decode-worker.js',
  },
  {
    bundled: /[\\/]src[\\/]workers[\\/]bundled-volume-worker\.ts$/,
    canonical: "new URL('./volume-worker.ts', import.meta.url)",
    output: 'workers/volume-worker.js',
  },
];

const placeholder = (index) => `__courbarilWorkerUrl${index}__()`;

/**
 * npm build: each worker stays an ordinary module of the package (`workers/decode-worker.js`,
 * an entry of the build) and its starter's line stays the canonical
 * `new Worker(new URL('./decode-worker.js', import.meta.url), { type: 'module' })`, so the
 * vendor's bundler (Vite, webpack 5, Parcel) bundles the worker with its codec chunks and
 * `.wasm`. Left alone, Vite would bundle the worker into the package itself and publish
 * `new URL(new URL("../assets/decode-worker-….js", import.meta.url).href, …)`, a form no
 * bundler follows. The URL is hidden from Vite's worker plugin while it transforms, and
 * written back, relative to the output chunk, when the chunk is rendered.
 */
export function libraryWorker(workers = WORKERS) {
  return {
    name: 'courbaril-library-worker',
    enforce: 'pre',
    transform: {
      filter: { id: workers.map((worker) => worker.bundled) },
      handler(code, id) {
        const index = workers.findIndex((worker) => worker.bundled.test(id));
        const worker = workers[index];
        if (!worker) return null;
        if (!code.includes(worker.canonical))
          this.error(`${id} no longer contains ${worker.canonical}`);
        return { code: code.replace(worker.canonical, placeholder(index)), map: null };
      },
    },
    renderChunk(code, chunk) {
      let rendered = code;
      workers.forEach((worker, index) => {
        if (!rendered.includes(placeholder(index))) return;
        const relative = path.posix.relative(path.posix.dirname(chunk.fileName), worker.output);
        const url = `new URL(${JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`)}, import.meta.url)`;
        rendered = rendered.replace(placeholder(index), url);
      });
      return rendered === code ? null : { code: rendered, map: null };
    },
  };
}

/**
 * Standalone build: each `bundled-*.standalone.ts` replaces its `bundled-*.ts`, so the module
 * knows its worker's URL (Vite's `?worker&url`) and starts it through a Trusted Types policy
 * and, from another origin, a blob: bootstrap.
 */
export function standaloneWorker(workers = WORKERS) {
  return {
    name: 'courbaril-standalone-worker',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!/\/bundled-(volume-)?worker\.js$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !workers.some((worker) => worker.bundled.test(resolved.id))) return null;
      return resolved.id.replace(/\.ts$/, '.standalone.ts');
    },
  };
}
