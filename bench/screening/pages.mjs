// Builds the screening bench pages into bench/.tmp/screening/dist: Courbaril's (loader classes and
// <cb-viewer>) by Vite, Cornerstone's by esbuild with its worker and codecs, as bench/loading does.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const DIST = 'bench/.tmp/screening/dist';

/** @param {string} root the repository */
export async function buildPages(root) {
  const here = path.join(root, 'bench/screening');
  const { build } = await import('vite');
  rmSync(DIST, { recursive: true, force: true });
  await build({
    configFile: false,
    root: here,
    logLevel: 'warn',
    base: '/',
    build: {
      outDir: path.join(root, DIST),
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      rollupOptions: {
        input: {
          courbaril: path.join(here, 'courbaril.html'),
          viewer: path.join(here, 'viewer.html'),
        },
      },
    },
    worker: { format: 'es' },
  });
  // Cornerstone through esbuild, with empty Node built-ins and a stub EventEmitter (xmlbuilder2,
  // pulled in by @cornerstonejs/metadata, subclasses it at load time): see bench/loading/run.mjs.
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: {
      cornerstone: path.join(here, 'cornerstone-page.ts'),
      decodeImageFrameWorker: path.join(
        root,
        'node_modules/@cornerstonejs/dicom-image-loader/dist/esm/decodeImageFrameWorker.js',
      ),
    },
    outdir: path.join(root, DIST),
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    conditions: ['browser'],
    platform: 'browser',
    plugins: [
      {
        name: 'empty-node-builtins',
        setup(b) {
          b.onResolve(
            { filter: /^(fs|path|crypto|url|events|module|worker_threads|ws)$/ },
            (a) => ({ path: a.path, namespace: 'empty' }),
          );
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
    path.join(root, DIST, 'cornerstone.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="/cornerstone.js"></script>\n',
  );
  mkdirSync(path.join(root, DIST, 'cornerstone-wasm'), { recursive: true });
  for (const [pkg, file] of [
    ['codec-openjpeg', 'openjpegwasm_decode.wasm'],
    ['codec-openjph', 'openjphjs.wasm'],
    ['codec-charls', 'charlswasm_decode.wasm'],
  ]) {
    copyFileSync(
      path.join(root, 'node_modules/@cornerstonejs', pkg, 'dist', file),
      path.join(root, DIST, 'cornerstone-wasm', file),
    );
  }
}
