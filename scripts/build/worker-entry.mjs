// How each build makes the decode worker (see src/workers/bundled-worker.ts).
import path from 'node:path';

const CANONICAL = "new URL('./decode-worker.ts', import.meta.url)";
const PLACEHOLDER = '__courbarilDecodeWorkerUrl__()';
const BUNDLED_WORKER = /[\\/]src[\\/]workers[\\/]bundled-worker\.ts$/;

/**
 * npm build: the worker stays an ordinary module of the package (`workers/decode-worker.js`,
 * an entry of the build) and decode-pool's line stays the canonical
 * `new Worker(new URL('./decode-worker.js', import.meta.url), { type: 'module' })`, so the
 * vendor's bundler (Vite, webpack 5, Parcel) bundles the worker with its codec chunks and
 * `.wasm`. Left alone, Vite would bundle the worker into the package itself and publish
 * `new URL(new URL("../assets/decode-worker-….js", import.meta.url).href, …)`, a form no
 * bundler follows. The URL is hidden from Vite's worker plugin while it transforms, and
 * written back, relative to the output chunk, when the chunk is rendered.
 * @param {string} workerFile the worker's output file, relative to outDir
 */
export function libraryWorker(workerFile) {
  return {
    name: 'courbaril-library-worker',
    enforce: 'pre',
    transform: {
      filter: { id: BUNDLED_WORKER },
      handler(code, id) {
        if (!code.includes(CANONICAL)) this.error(`${id} no longer contains ${CANONICAL}`);
        return { code: code.replace(CANONICAL, PLACEHOLDER), map: null };
      },
    },
    renderChunk(code, chunk) {
      if (!code.includes(PLACEHOLDER)) return null;
      const relative = path.posix.relative(path.posix.dirname(chunk.fileName), workerFile);
      const url = `new URL(${JSON.stringify(relative.startsWith('.') ? relative : `./${relative}`)}, import.meta.url)`;
      return { code: code.replace(PLACEHOLDER, url), map: null };
    },
  };
}

/**
 * Standalone build: bundled-worker.standalone.ts replaces bundled-worker.ts, so the module
 * knows its worker's URL (Vite's `?worker&url`) and starts it through a Trusted Types policy
 * and, from another origin, a blob: bootstrap.
 */
export function standaloneWorker() {
  return {
    name: 'courbaril-standalone-worker',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('/bundled-worker.js')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !BUNDLED_WORKER.test(resolved.id)) return null;
      return resolved.id.replace(/bundled-worker\.ts$/, 'bundled-worker.standalone.ts');
    },
  };
}
