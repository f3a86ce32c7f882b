// Issue 19: a Vite 8 production build of a page using the npm package, with no configuration:
// the worker, its codec chunks and every .wasm are emitted, JPEG-LS and JPEG 2000 decode.
import { describe, it } from 'node:test';
import path from 'node:path';
import { build } from 'vite';
import { checkBuild, installApp } from './consumer-app.mjs';

describe('consumer: Vite, zero config', () => {
  it('builds, decodes JPEG-LS and JPEG 2000 (values checked), renders, codecs lazy', async () => {
    const app = installApp('vite');
    const outDir = path.join(app, 'dist-vite');
    // What `npx vite build` does in the vendor's project: no vite.config at all.
    await build({
      root: app,
      configFile: false,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    await checkBuild(outDir);
  });
});
