// Consumer tests (issue 19): the packed tarball installed into a fresh project, as a vendor
// does, then built by a bundler and checked in Chromium. Shared steps live here.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';
import { decodePng } from '../standalone/png.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TMP = path.join(ROOT, 'test/.tmp/consumers');
export const CODECS = path.join(ROOT, 'test/.tmp/codecs');

/** Lossless fixtures of the codec corpus, with their synthetic sources as references. */
export const FIXTURES = {
  jpegLs: {
    name: 'gen-u16-jpeg-ls',
    wasm: '@cornerstonejs/codec-charls/dist/charlswasm_decode.wasm',
  },
  jpeg2000: {
    name: 'gen-u16-j2k',
    wasm: '@cornerstonejs/codec-openjpeg/dist/openjpegwasm_decode.wasm',
  },
};

/** Which codec a served .wasm is, by content (bundlers rename them: webpack to a bare hash). */
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const codecHash = (fixture) => sha256(readFileSync(path.join(ROOT, 'node_modules', fixture.wasm)));

function npm(args, cwd) {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** `npm pack` of the built package (run `npm run build` first); returns the tarball's path. */
export function packTarball() {
  assert.ok(existsSync(path.join(ROOT, 'dist/lib/index.js')), 'run `npm run build` first');
  mkdirSync(TMP, { recursive: true });
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', TMP], ROOT));
  return path.join(TMP, packed.filename);
}

/**
 * A fresh project with the tarball installed from the registry's cache (`--prefer-offline`)
 * plus `extra` packages, and the consumer app's sources (a folder beside this file).
 * Reused while the tarball is the same.
 * @param {string} name @param {Record<string, string>} [extra] package → version
 * @param {string} [sources]
 */
export function installApp(name, extra = {}, sources = 'app') {
  const tarball = packTarball();
  const hash = createHash('sha256').update(readFileSync(tarball)).update(JSON.stringify(extra));
  const dir = path.join(TMP, `${name}-${hash.digest('hex').slice(0, 12)}`);
  if (!existsSync(path.join(dir, 'node_modules/courbaril/package.json'))) {
    const building = `${dir}.${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    writeFileSync(
      path.join(building, 'package.json'),
      JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }, null, 2),
    );
    npm(
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        tarball,
        ...Object.entries(extra).map(([pkg, version]) => `${pkg}@${version}`),
      ],
      building,
    );
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
    // Installs of earlier tarballs are dead weight (test/.tmp is kept between runs).
    for (const old of readdirSync(TMP)) {
      if (
        old.startsWith(`${name}-`) &&
        /^[a-z]+-[0-9a-f]{12}$/.test(old) &&
        old !== path.basename(dir)
      ) {
        rmSync(path.join(TMP, old), { recursive: true, force: true });
      }
    }
  }
  cpSync(path.join(import.meta.dirname, sources), dir, { recursive: true });
  return dir;
}

/** Copies the two fixture files into `outDir/data/`. */
export function copyFixtures(outDir) {
  mkdirSync(path.join(outDir, 'data'), { recursive: true });
  for (const { name } of Object.values(FIXTURES)) {
    cpSync(path.join(CODECS, `files/${name}.dcm`), path.join(outDir, `data/${name}.dcm`));
  }
}

/** The fixture's source samples (16-bit unsigned, little-endian). */
export function expectedPixels(name) {
  const raw = readFileSync(path.join(CODECS, `expected/${name}.0.raw`));
  return Array.from(new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2));
}

/** `tsc --noEmit` of an installed app, with the repo's TypeScript (the app's tsconfig decides). */
export function typeCheck(app) {
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(app, 'tsconfig.json')], {
    stdio: 'inherit',
  });
}

/**
 * A Vite production build of a JSX app into `dist-react` (what @vitejs/plugin-react, or
 * @preact/preset-vite with `importSource: 'preact'`, does for JSX).
 */
export async function buildJsxApp(app, importSource = 'react') {
  const { build } = await import('vite');
  const outDir = path.join(app, 'dist-react');
  await build({
    root: app,
    configFile: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource } },
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/**
 * Serves a production build and proves in Chromium what a vendor needs (see checkPage).
 * @param {string} outDir the bundler's output, with index.html
 * @param {{ lazyScript?: RegExp }} [options] see checkPage
 */
export async function checkBuild(outDir, { lazyScript } = {}) {
  copyFixtures(outDir);
  const server = await serveStatic({ routes: { '/': outDir } });
  try {
    await checkPage({
      url: `${server.url}/index.html`,
      wasmRequests: () =>
        server.requests
          .filter((r) => r.endsWith('.wasm'))
          .map((r) => readFileSync(path.join(outDir, decodeURIComponent(r)))),
      requests: () => server.requests,
      lazyScript,
    });
  } finally {
    await server.close();
  }
}

/**
 * Proves in Chromium what a vendor needs: JPEG-LS decodes without the JPEG 2000 codec being
 * fetched, JPEG 2000 decodes, both equal to their sources, and <cb-viewport> renders (its
 * event, and the image in a screenshot of the element); no page
 * error, no failed request. The fixtures are at /data/ beside the page.
 * @param {{ url: string, wasmRequests: () => Buffer[] | Promise<Buffer[]>,
 *   requests?: () => string[], lazyScript?: RegExp }} page
 *   wasmRequests: the bodies of the .wasm files the server has served so far;
 *   lazyScript: the path of the JPEG 2000 codec's own JavaScript chunk, for builds that split
 *   the codecs' JavaScript per family: never requested before a JPEG 2000 frame, then requested
 *   (requests: the paths the server has been asked for)
 */
export async function checkPage({ url, wasmRequests, requests = () => [], lazyScript }) {
  const browser = await launchChromium();
  const pageErrors = [];
  const failed = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.ready === 'true', { timeout: 30000 });

    const { jpegLs, jpeg2000 } = FIXTURES;
    const wasm = async () => (await wasmRequests()).map((bytes) => sha256(bytes));
    const ls = await page.evaluate(
      (url) => window.consumer.decode(url),
      `/data/${jpegLs.name}.dcm`,
    );
    assert.deepEqual(ls.pixels, expectedPixels(jpegLs.name), 'JPEG-LS decode equals its source');
    assert.ok((await wasm()).includes(codecHash(jpegLs)), 'CharLS wasm fetched');
    assert.ok(
      !(await wasm()).includes(codecHash(jpeg2000)),
      'no OpenJPEG wasm before a JPEG 2000 frame',
    );
    if (lazyScript) {
      assert.deepEqual(
        requests().filter((r) => lazyScript.test(r)),
        [],
        'no JPEG 2000 codec JavaScript before a JPEG 2000 frame',
      );
    }

    const j2k = await page.evaluate(
      (url) => window.consumer.decode(url),
      `/data/${jpeg2000.name}.dcm`,
    );
    assert.deepEqual(
      j2k.pixels,
      expectedPixels(jpeg2000.name),
      'JPEG 2000 decode equals its source',
    );
    assert.ok((await wasm()).includes(codecHash(jpeg2000)), 'OpenJPEG wasm fetched');
    if (lazyScript) {
      assert.equal(requests().filter((r) => lazyScript.test(r)).length, 1, 'its chunk fetched');
    }

    const shown = await page.evaluate(
      (url) => window.consumer.show(url),
      `/data/${jpegLs.name}.dcm`,
    );
    assert.equal(shown.quality, 'full');
    assert.ok(shown.renderPath, 'the viewport drew through a renderer');
    // And the image is on screen: the fixture is a ramp of 1,454 values, so the element's
    // screenshot shows many grey levels where an undrawn viewport shows one.
    const viewport = await page.$('cb-viewport');
    assert.ok(viewport, 'a <cb-viewport> on the page');
    const { rgba } = decodePng(await viewport.screenshot({ type: 'png' }));
    const greys = new Set();
    for (let i = 0; i < rgba.length; i += 4) greys.add(rgba[i]);
    assert.ok(greys.size >= 32, `the viewport shows the image (${greys.size} grey levels)`);
    assert.deepEqual(failed, []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await browser.close();
  }
}

/** index.html for bundlers that do not process HTML: loads their output `main.js`. */
export function writeIndex(outDir, { module = true } = {}) {
  const html = readFileSync(path.join(import.meta.dirname, 'app/index.html'), 'utf8').replace(
    '<script type="module" src="./main.js"></script>',
    module
      ? '<script type="module" src="./main.js"></script>'
      : '<script defer src="./main.js"></script>',
  );
  writeFileSync(path.join(outDir, 'index.html'), html);
}
