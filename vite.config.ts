/**
 * Three jobs, one config:
 * - `vite` (npm start): the demo portal in demo/, with the embedded DICOMweb tree served
 *   same-origin at /dicom-web (or a same-origin proxy to DICOMWEB_URL: Orthanc sends no CORS).
 * - `vite build` (mode "library"): the npm package, ESM + .d.ts, dependencies external,
 *   one output module per source module so bundlers tree-shake what a host does not use.
 * - `vite build --mode standalone`: one self-contained ES module for a plain <script type="module">,
 *   with workers, lazy codec chunks and .wasm as sibling files resolved from import.meta.url.
 */
import { defineConfig, type Connect, type Plugin } from 'vite';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/** Serves the demo's DICOMweb: the embedded static tree, or a proxy to DICOMWEB_URL. */
function demoDicomweb(): Plugin {
  return {
    name: 'courbaril-demo-dicomweb',
    async configureServer(server) {
      const target = process.env.DICOMWEB_URL;
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
    optimizeDeps: { entries: ['index.html', '../src/workers/decode-worker.ts'] },
    plugins: [demoDicomweb()],
    worker: { format: 'es' },
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
          : { index: 'src/index.ts', define: 'src/define.ts' },
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
              entryFileNames: '[name].js',
              assetFileNames: 'assets/[name]-[hash][extname]',
            },
          },
    },
  };
});
