// Issue 19: the published ESM uses only forms bundlers follow, carries no Node global into
// browser code, and imports cleanly in Node (server rendering). Checks the output of
// `npm run build`, the files `npm pack` publishes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const LIB = 'dist/lib';
const STANDALONE = 'dist/standalone';
const NODE_ONLY = /(?<![.\w$])(require\s*\(|__filename|__dirname|process\.)/;

function jsFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join(dir, file));
}

describe('published ESM', () => {
  it('has been built', () => {
    assert.ok(existsSync(`${LIB}/index.js`), 'run `npm run build` first');
  });

  it('carries no Node global (require, __filename, __dirname, process) into browser code', () => {
    const offenders = [...jsFiles(LIB), ...jsFiles(STANDALONE)].filter((file) =>
      NODE_ONLY.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });

  it('starts its worker with the form Vite and webpack 5 bundle', () => {
    const code = readFileSync(`${LIB}/workers/bundled-worker.js`, 'utf8');
    assert.match(
      code,
      /new Worker\(new URL\("\.\/decode-worker\.js", import\.meta\.url\), \{ type: "module" \}\)/,
    );
    assert.ok(existsSync(`${LIB}/workers/decode-worker.js`));
    // The worker is an ordinary module of the package, not a pre-bundled asset.
    assert.match(readFileSync(`${LIB}/workers/decode-worker.js`, 'utf8'), /from "comlink"/);
    // So is the volume worker (issue 20), started the same way.
    assert.match(
      readFileSync(`${LIB}/workers/bundled-volume-worker.js`, 'utf8'),
      /new Worker\(new URL\("\.\/volume-worker\.js", import\.meta\.url\), \{ type: "module" \}\)/,
    );
    assert.ok(existsSync(`${LIB}/workers/volume-worker.js`));
  });

  it('points at each .wasm with new URL(literal, import.meta.url), next to a file that exists', () => {
    const urlModules = jsFiles(`${LIB}/codecs/glue`).filter((file) => file.endsWith('.url.js'));
    assert.equal(urlModules.length, 4);
    for (const file of urlModules) {
      const match = /new URL\("([^"]+\.wasm)", import\.meta\.url\)/.exec(
        readFileSync(file, 'utf8'),
      );
      assert.ok(match, `${file}: no new URL(…wasm, import.meta.url)`);
      assert.ok(
        existsSync(path.join(path.dirname(file), match[1])),
        `${file}: ${match[1]} missing`,
      );
    }
  });

  it('keeps each codec family behind a literal dynamic import (lazy chunks)', () => {
    const registry = readFileSync(`${LIB}/codecs/registry.js`, 'utf8');
    for (const codec of ['jpeg-ls', 'jpeg2000', 'htj2k', 'jpeg-baseline', 'rle']) {
      assert.match(registry, new RegExp(`import\\("\\./${codec}\\.js"\\)`));
    }
  });

  it('names the standalone worker assets/decode-worker.js (for configureWorkers({ assetBase }))', () => {
    assert.ok(existsSync(`${STANDALONE}/assets/decode-worker.js`));
  });
});

/**
 * Every JavaScript entry of package.json `exports`, except `courbaril/react-wrapper`, whose
 * peers (react, @lit/react) only its users install: the React 18 consumer test imports it.
 */
const ENTRIES = Object.entries(JSON.parse(readFileSync('package.json', 'utf8')).exports)
  .filter(([, target]) => typeof target !== 'string' || target.endsWith('.js'))
  .map(([subpath]) => subpath.replace(/^\./, 'courbaril'))
  .filter((entry) => entry !== 'courbaril/react-wrapper');

describe('server rendering (Node imports every public entry)', () => {
  it('covers the entries a vendor imports', () => {
    for (const entry of ['courbaril', 'courbaril/define', 'courbaril/standalone']) {
      assert.ok(ENTRIES.includes(entry), entry);
    }
    assert.ok(ENTRIES.includes('courbaril/vue') && ENTRIES.includes('courbaril/react'));
  });

  for (const entry of ENTRIES) {
    it(`import('${entry}') does not throw and touches no document or window`, () => {
      // A fresh Node process, as Next.js, Nuxt or Astro import the package on the server.
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(entry)});
           console.log(JSON.stringify({ exports: Object.keys(m).length,
             document: typeof document, window: typeof window }));`,
        ],
        { encoding: 'utf8' },
      );
      const result = JSON.parse(out.trim().split('\n').pop());
      assert.equal(result.document, 'undefined');
      assert.equal(result.window, 'undefined');
      if (entry === 'courbaril' || entry === 'courbaril/standalone') assert.ok(result.exports > 50);
    });
  }
});
