/**
 * Three jobs, one config:
 * - `vite` (npm start): the demo portal in demo/, with the embedded DICOMweb tree served
 *   same-origin at /dicom-web (or a same-origin proxy to DICOMWEB_URL: Orthanc sends no CORS).
 * - `vite build` (mode "library"): the npm package, ESM + .d.ts, dependencies external,
 *   one output module per source module so bundlers tree-shake what a host does not use. Only
 *   forms bundlers follow: `new Worker(new URL('./decode-worker.js', import.meta.url), { type:
 *   'module' })`, `new URL('../assets/x.wasm', import.meta.url)`, literal dynamic imports, and
 *   the codec glue as ES modules without Node globals (scripts/build/*.mjs).
 * - `vite build --mode standalone`: one self-contained ES module for a plain <script type="module">,
 *   with workers, lazy codec chunks and .wasm as sibling files resolved from import.meta.url;
 *   the worker's entry is `assets/decode-worker.js` (stable, for `configureWorkers({ assetBase })`).
 */
import { defineConfig, type Connect, type Plugin } from 'vite';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODEC_PACKAGE, codecGlueEsm } from './scripts/build/codec-glue-esm.mjs';
import { libraryWorker, standaloneWorker } from './scripts/build/worker-entry.mjs';

type Middleware = Connect.NextHandleFunction;

/** Node-side helpers are loaded at serve time only (the config bundler must not follow them). */
async function middleware(file: string, factory: string, options?: object): Promise<Middleware> {
  const module = (await import(pathToFileURL(resolve(file)).href)) as Record<
    string,
    ((options?: object) => Middleware) | undefined
  >;
  const create = module[factory];
  if (!create) throw new Error(`${file} does not export ${factory}`);
  return create(options);
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};
const dependencies = Object.keys(pkg.dependencies);
const isExternal = (id: string): boolean =>
  dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)) && !id.includes('?');

/**
 * Serves the demo portal (its launch routes and Pro Santé Connect stand-in, demo/portal/) and the
 * demo's DICOMweb behind it: the embedded static tree, or a proxy to DICOMWEB_URL.
 */
function demoDicomweb(): Plugin {
  return {
    name: 'courbaril-demo-dicomweb',
    async configureServer(server) {
      const target = process.env.DICOMWEB_URL;
      // The portal's routes first: its DICOMweb proxy checks the bearer before the data behind.
      server.middlewares.use(await middleware('demo/portal/routes.mjs', 'demoPortal', { server }));
      server.middlewares.use(
        target
          ? await middleware('scripts/test/proxy.mjs', 'proxy', { prefix: '/dicom-web', target })
          : await middleware('scripts/static-dicomweb.mjs', 'staticDicomweb', {
              root: 'demo/data/dicom-web',
              prefix: '/dicom-web',
            }),
      );
      server.middlewares.use(await middleware('demo/iid-route.mjs', 'iheInvokeImageDisplay'));
    },
  };
}

export default defineConfig(({ mode }) => {
  const standalone = mode === 'standalone';
  return {
    root: mode === 'development' ? 'demo' : '.',
    // Workers, codec chunks and .wasm resolve from the module's own URL, wherever a host serves it.
    base: mode === 'development' ? '/' : './',
    publicDir: false,
    server: { host: '127.0.0.1', port: 5173, fs: { allow: ['..'] } },
    // The dev server pre-bundles the dependencies its scan finds from these entries. The decode
    // worker (and the codecs it imports lazily) is not reachable from the page's imports by a
    // static scan, so without it Vite discovers the codecs at the first decode and reloads the
    // page on a first visit.
    optimizeDeps: {
      entries: ['index.html', '../src/workers/decode-worker.ts', '../src/workers/volume-worker.ts'],
    },
    plugins: [
      demoDicomweb(),
      codecGlueEsm(),
      ...(mode === 'development' ? [] : [standalone ? standaloneWorker() : libraryWorker()]),
    ],
    worker: {
      format: 'es',
      plugins: () => [codecGlueEsm()],
      rolldownOptions: { output: { entryFileNames: 'assets/[name].js' } },
    },
    build: {
      target: 'es2022',
      outDir: standalone ? 'dist/standalone' : 'dist/lib',
      emptyOutDir: true,
      sourcemap: true,
      minify: standalone,
      assetsInlineLimit: 0,
      lib: {
        entry: standalone
          ? { courbaril: 'src/standalone.ts' }
          : {
              index: 'src/index.ts',
              define: 'src/define.ts',
              // `courbaril/standalone` under Node (server rendering) resolves here: Lit's Node build.
              standalone: 'src/standalone.ts',
              'workers/decode-worker': 'src/workers/decode-worker.ts',
              'workers/volume-worker': 'src/workers/volume-worker.ts',
            },
        formats: ['es'],
      },
      rolldownOptions: standalone
        ? {
            output: {
              entryFileNames: '[name].js',
              chunkFileNames: 'chunks/[name]-[hash].js',
              assetFileNames: 'assets/[name]-[hash][extname]',
            },
          }
        : {
            external: (id: string) => isExternal(id) || builtinModules.includes(id),
            output: {
              preserveModules: true,
              preserveModulesRoot: 'src',
              // The codec glue (transformed to ESM) and its `.wasm` URL modules are published with
              // the codecs that load them (npm drops any folder named node_modules).
              entryFileNames: (chunk) => {
                const [file = '', query] = (chunk.facadeModuleId ?? '').split('?');
                if (!CODEC_PACKAGE.test(file)) return '[name].js';
                return `codecs/glue/${basename(file, '.js')}${query === undefined ? '' : '.url'}.js`;
              },
              assetFileNames: 'assets/[name]-[hash][extname]',
            },
          },
    },
  };
});
