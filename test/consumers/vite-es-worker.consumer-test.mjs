// Issue 19: the README's one optional line for Vite, `worker: { format: 'es' }`. Vite bundles a
// worker as one IIFE by default, so every codec family's JavaScript rides in the worker (their
// .wasm stays lazy: vite.node-test.mjs); with ES workers each family is its own chunk, and a
// JPEG-LS page fetches neither OpenJPEG's .wasm nor its JavaScript.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { checkBuild, installApp } from './consumer-app.mjs';

describe("consumer: Vite with worker: { format: 'es' }", () => {
  it('splits each codec family into its own chunk, fetched with its first frame', async () => {
    const app = installApp('vite');
    const outDir = path.join(app, 'dist-vite-es');
    // The README's vite.config: that line and nothing else.
    await build({
      root: app,
      configFile: false,
      logLevel: 'warn',
      worker: { format: 'es' },
      build: { outDir, emptyOutDir: true },
    });
    const chunks = readdirSync(path.join(outDir, 'assets'));
    for (const family of ['jpeg-ls', 'jpeg2000', 'htj2k', 'jpeg-baseline', 'rle']) {
      assert.ok(
        chunks.some((f) => f.startsWith(`${family}-`) && f.endsWith('.js')),
        `${family} chunk`,
      );
    }
    await checkBuild(outDir, { lazyScript: /\/jpeg2000-[\w-]+\.js$/ });
  });
});
