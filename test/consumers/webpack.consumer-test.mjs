// Issue 19: a webpack 5 production build of a page using the npm package, with no loader,
// fallback or copy configuration: webpack follows new Worker(new URL(…)) and new URL(…wasm).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import webpack from 'webpack';
import { checkBuild, installApp, writeIndex } from './consumer-app.mjs';

describe('consumer: webpack 5, zero config', () => {
  it('builds, decodes JPEG-LS and JPEG 2000 (values checked), renders, codecs lazy', async () => {
    const app = installApp('webpack');
    const outDir = path.join(app, 'dist-webpack');
    // The whole webpack.config.js of the README's recipe.
    const config = {
      mode: 'production',
      context: app,
      entry: './main.js',
      output: { path: outDir, filename: 'main.js', clean: true },
    };
    const stats = await new Promise((resolve, reject) => {
      webpack(config, (error, result) => (error ? reject(error) : resolve(result)));
    });
    const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
    assert.deepEqual(errors, [], 'no build error');
    // webpack warns about size only (performance hints), never about Node modules or __filename.
    assert.deepEqual(
      warnings.filter(
        (w) => !/asset size limit|entrypoint size limit|performance/i.test(w.message),
      ),
      [],
    );
    writeIndex(outDir, { module: false });
    await checkBuild(outDir);
  });
});
