// Issue 19: a Vite 8 production build of a page using the npm package, with no configuration:
// the worker, its codec chunks and every .wasm are emitted, JPEG-LS and JPEG 2000 decode.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

describe('consumer: server rendering from the installed tarball', () => {
  it('imports courbaril, courbaril/define and courbaril/standalone in Node without throwing', () => {
    const app = installApp('vite');
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `for (const entry of ['courbaril', 'courbaril/define', 'courbaril/standalone']) await import(entry);
         console.log(JSON.stringify({ viewport: customElements.get('cb-viewport') !== undefined }));`,
      ],
      { cwd: app, encoding: 'utf8' },
    );
    // Lit's server shim gives Node a registry: the elements are registered there, for SSR.
    assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), { viewport: true });
  });
});
