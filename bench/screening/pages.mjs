// Builds the screening bench pages into bench/.tmp/screening/dist: Courbaril's (loader classes and
// <cb-viewer>) by Vite, Cornerstone's by esbuild with its worker and codecs, as bench/loading does.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildCornerstonePage } from '../loading/build-pages.mjs';

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
  await buildCornerstonePage(path.join(here, 'cornerstone-page.ts'), path.join(root, DIST));
}
