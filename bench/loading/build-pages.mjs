// The loading bench's pages, built once per run: Courbaril's loader classes (Vite) and
// @cornerstonejs/dicom-image-loader (esbuild), served side by side from one origin. Shared with
// bench/thin, which adds its own pages to the same Vite build.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the loading pages into `dist`: courbaril.html (Vite) and cornerstone.html (esbuild), and
 * beside them the Vite pages `inputs` names (other benches' pages, bundled in the same build).
 * Vite writes each page at its path under `root` (default bench/loading: dist/courbaril.html).
 * @param {string} dist
 * @param {{ root?: string, inputs?: Record<string, string> }} [options] inputs: entry name → absolute .html path
 */
export async function buildPages(
  dist,
  { root = path.join(ROOT, 'bench/loading'), inputs = {} } = {},
) {
  const { build } = await import('vite');
  rmSync(dist, { recursive: true, force: true });
  await build({
    configFile: false,
    root,
    esbuild: { tsconfigRaw: readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8') },
    logLevel: 'warn',
    base: '/',
    build: {
      outDir: dist,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      rollupOptions: {
        input: { courbaril: path.join(ROOT, 'bench/loading/courbaril.html'), ...inputs },
      },
    },
    worker: { format: 'es' },
  });
  await buildCornerstonePage(path.join(ROOT, 'bench/loading/cornerstone-page.ts'), dist, {
    minify: !process.env.BENCH_DEBUG,
  });
}

/**
 * A Cornerstone page (`entry`) bundled by esbuild into `dist`: cornerstone.html, its decode worker
 * and its codecs' .wasm (bench/loading, bench/thin and bench/screening).
 * @param {string} entry @param {string} dist @param {{ minify?: boolean }} [options]
 */
export async function buildCornerstonePage(entry, dist, { minify = true } = {}) {
  // Cornerstone through esbuild, with a stub for Node's EventEmitter: @cornerstonejs/metadata pulls
  // in xmlbuilder2, which subclasses it at load time (under Vite 8 the page dies with "Class extends
  // value undefined"). Its worker is bundled as its own entry, where the loader's
  // \`new URL('./decodeImageFrameWorker.js', import.meta.url)\` expects it.
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: {
      cornerstone: entry,
      decodeImageFrameWorker: path.join(
        ROOT,
        'node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js',
      ),
    },
    outdir: dist,
    bundle: true,
    format: 'esm',
    minify,
    target: 'es2022',
    conditions: ['browser'],
    platform: 'browser',
    // Node built-ins the emscripten glue requires only under Node: empty modules in the browser.
    plugins: [
      {
        name: 'empty-node-builtins',
        setup(b) {
          b.onResolve(
            { filter: /^(fs|path|crypto|url|events|module|worker_threads|ws)$/ },
            (a) => ({ path: a.path, namespace: 'empty' }),
          );
          // xmlbuilder2 (pulled in by @cornerstonejs/metadata) subclasses EventEmitter at load time.
          b.onLoad({ filter: /.*/, namespace: 'empty' }, (a) => ({
            contents:
              a.path === 'events'
                ? 'class EventEmitter { on() { return this; } once() { return this; } off() { return this; } removeListener() { return this; } emit() { return false; } }\nmodule.exports = EventEmitter; module.exports.EventEmitter = EventEmitter;'
                : 'module.exports = {};',
            loader: 'js',
          }));
        },
      },
    ],
    logLevel: 'error',
  });
  writeFileSync(
    path.join(dist, 'cornerstone.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="/cornerstone.js"></script>\n',
  );
  // Cornerstone locates its codecs' .wasm through `wasmBasePath` (its documented bundler route).
  mkdirSync(path.join(dist, 'cornerstone-wasm'), { recursive: true });
  for (const [pkg, file] of [
    ['codec-charls', 'charlswasm_decode.wasm'],
    ['codec-openjpeg', 'openjpegwasm_decode.wasm'],
    ['codec-openjph', 'openjphjs.wasm'],
  ]) {
    copyFileSync(
      path.join(ROOT, 'node_modules/@cornerstonejs', pkg, 'dist', file),
      path.join(dist, 'cornerstone-wasm', file),
    );
  }
}
