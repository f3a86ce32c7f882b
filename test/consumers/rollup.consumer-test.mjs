// Issue 19: Rollup with @rollup/plugin-node-resolve (any Rollup app has it) does not follow
// new Worker(new URL(…)): the README's one step, as for esbuild, serves a copy of
// dist/standalone and calls configureWorkers({ assetBase }).
import { describe, it } from 'node:test';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { checkBuild, installApp, writeIndex } from './consumer-app.mjs';

describe('consumer: Rollup, with the assetBase step', () => {
  it('builds, decodes JPEG-LS and JPEG 2000 (values checked), renders, codecs lazy', async () => {
    const app = installApp('rollup');
    const outDir = path.join(app, 'dist-rollup');
    rmSync(outDir, { recursive: true, force: true });
    const bundle = await rollup({
      input: path.join(app, 'main-asset-base.js'),
      plugins: [nodeResolve({ browser: true, rootDir: app })],
      onwarn: (warning) => {
        throw new Error(`rollup: ${warning.message}`);
      },
    });
    await bundle.write({ dir: outDir, format: 'es', entryFileNames: 'main.js' });
    await bundle.close();
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
