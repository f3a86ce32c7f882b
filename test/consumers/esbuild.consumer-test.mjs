// Issue 19: esbuild does not follow new Worker(new URL(…)) nor new URL(…wasm) (evanw/esbuild#795),
// so its recipe is the README's one step: serve a copy of dist/standalone and configureWorkers({ assetBase }).
import { describe, it } from 'node:test';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { checkBuild, installApp, writeIndex } from './consumer-app.mjs';

describe('consumer: esbuild, with the assetBase step', () => {
  it('builds, decodes JPEG-LS and JPEG 2000 (values checked), renders, codecs lazy', async () => {
    const app = installApp('esbuild');
    const outDir = path.join(app, 'dist-esbuild');
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    await build({
      absWorkingDir: app,
      entryPoints: { main: 'main-asset-base.js' },
      bundle: true,
      format: 'esm',
      minify: true,
      outdir: outDir,
      logLevel: 'warning',
    });
    // The README's step: cp -r node_modules/courbaril/dist/standalone dist/courbaril
    cpSync(
      path.join(app, 'node_modules/courbaril/dist/standalone'),
      path.join(outDir, 'courbaril'),
      {
        recursive: true,
      },
    );
    writeIndex(outDir);
    await checkBuild(outDir);
  });
});
