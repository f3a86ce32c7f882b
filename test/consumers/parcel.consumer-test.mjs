// Issue 19: a Parcel 2 production build (`parcel build index.html`) of the page using the npm
// package. Parcel follows new Worker(new URL(…)) and new URL(…wasm) as published, but resolves
// package.json "exports" only when the app opts in (Parcel's documented `packageExports` switch):
// without it `courbaril/define` fails to resolve. That one line is the README's step.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkBuild, installApp } from './consumer-app.mjs';

describe('consumer: Parcel 2, with the packageExports step', () => {
  it('builds, decodes JPEG-LS and JPEG 2000 (values checked), renders, codecs lazy', async () => {
    const app = installApp('parcel', { parcel: '2.16.4' });
    // The README's step, in the app's package.json.
    const manifest = path.join(app, 'package.json');
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    pkg['@parcel/resolver-default'] = { packageExports: true };
    writeFileSync(manifest, JSON.stringify(pkg, null, 2));

    const outDir = path.join(app, 'dist-parcel');
    rmSync(outDir, { recursive: true, force: true });
    // Parcel processes the HTML itself: index.html's module script is the entry.
    const output = execFileSync(
      process.execPath,
      [
        path.join(app, 'node_modules/parcel/lib/bin.js'),
        'build',
        'index.html',
        '--dist-dir',
        outDir,
        '--no-cache',
        '--log-level',
        'warn',
      ],
      { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // At --log-level warn a clean build prints nothing: no warning about the worker or the .wasm.
    assert.equal(output.trim(), '', 'no Parcel warning');
    await checkBuild(outDir);
  });
});
