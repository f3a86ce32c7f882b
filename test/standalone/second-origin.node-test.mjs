// Issue 19 item 2 and issue 13 item 7: the standalone module served from another origin than
// the page (a CDN) still starts its workers, through a same-origin blob: bootstrap, under the
// documented CSP with Trusted Types enforced; and a host whose trusted-types list leaves out
// `courbaril` starts workers through its own policy with configureWorkers({ createWorker }).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';
import { CODECS, FIXTURES, expectedPixels } from '../consumers/consumer-app.mjs';
import { STANDALONE } from './standalone-page.mjs';

const DATA = path.join(CODECS, 'files');
/**
 * Decodes frame 0 of `url` with the API of the module at `moduleUrl`, in the page, after
 * `configureWorkers(workers)` when given.
 */
async function decodeIn(page, moduleUrl, url, workers) {
  return page.evaluate(
    async (moduleUrl, url, workers) => {
      const api = await import(moduleUrl);
      if (workers) api.configureWorkers(workers);
      const dataset = api.parseDicom(await (await fetch(url)).arrayBuffer());
      try {
        return { pixels: Array.from((await api.decodeFrame(dataset, 0)).pixels) };
      } catch (error) {
        return { error: { name: error.name, message: error.message } };
      }
    },
    moduleUrl,
    url,
    workers,
  );
}

/** Opens `url` in a new page, recording page errors and CSP / Trusted Types violations. */
async function open(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window.__violations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => customElements.get('cb-viewport') !== undefined, {
    timeout: 10000,
  });
  return {
    page,
    problems: async () => [...problems, ...(await page.evaluate(() => window.__violations ?? []))],
  };
}

describe('standalone module from a second origin (CDN)', () => {
  let browser;
  let cdn;
  let portal;

  before(async () => {
    assert.ok(existsSync(`${STANDALONE}/courbaril.js`), 'run `npm run build` first');
    cdn = await serveStatic({
      routes: { '/courbaril/': STANDALONE },
      headers: { 'access-control-allow-origin': '*' },
    });
    // The README's CSP for a CDN: the CDN in script-src (the module, the codec chunks), in
    // worker-src (the worker's static imports are fetched as a worker's script graph) and
    // in connect-src (.wasm); blob: in worker-src for the bootstrap.
    const csp =
      `default-src 'self'; script-src 'self' ${cdn.url} 'wasm-unsafe-eval'; worker-src 'self' blob: ${cdn.url}; ` +
      `connect-src 'self' ${cdn.url}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; ` +
      "require-trusted-types-for 'script'; trusted-types courbaril lit-html";
    const page = (moduleUrl) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>portal</title><link rel="icon" href="data:,"><script type="module" src="${moduleUrl}"></script>
</head><body><cb-viewport overlay="off" style="display:block;width:64px;height:64px"></cb-viewport></body></html>`;
    portal = await serveStatic({
      // /own/: the host's own copy of the module, whose workers come from the CDN (assetBase).
      routes: { '/data/': DATA, '/own/': STANDALONE },
      headers: { 'content-security-policy': csp },
      pages: {
        '/': page(`${cdn.url}/courbaril/courbaril.js`),
        '/own': page('/own/courbaril.js'),
      },
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await cdn?.close();
    await portal?.close();
  });

  it('decodes JPEG-LS and JPEG 2000 equal to their sources, codecs fetched from the CDN', async () => {
    assert.notEqual(new URL(cdn.url).origin, new URL(portal.url).origin);
    const { page, problems } = await open(browser, `${portal.url}/`);
    const moduleUrl = `${cdn.url}/courbaril/courbaril.js`;
    for (const fixture of [FIXTURES.jpegLs, FIXTURES.jpeg2000]) {
      const result = await decodeIn(page, moduleUrl, `/data/${fixture.name}.dcm`);
      assert.deepEqual(result, { pixels: expectedPixels(fixture.name) }, fixture.name);
    }
    assert.ok(cdn.requests.includes('/courbaril/assets/decode-worker.js'));
    assert.equal(cdn.requests.filter((r) => r.endsWith('.wasm')).length, 2);
    assert.ok(!portal.requests.some((r) => r.includes('courbaril')), 'nothing asked of the portal');
    assert.deepEqual(await problems(), []);
    await page.close();
  });

  it('configureWorkers({ assetBase }) on the CDN: the page’s own module starts its workers from there', async () => {
    const { page, problems } = await open(browser, `${portal.url}/own`);
    const cdnBefore = cdn.requests.length;
    const portalBefore = portal.requests.length;
    const assetBase = `${cdn.url}/courbaril/`;
    for (const fixture of [FIXTURES.jpegLs, FIXTURES.jpeg2000]) {
      const result = await decodeIn(page, '/own/courbaril.js', `/data/${fixture.name}.dcm`, {
        assetBase,
      });
      assert.deepEqual(result, { pixels: expectedPixels(fixture.name) }, fixture.name);
    }
    const fromCdn = cdn.requests.slice(cdnBefore);
    assert.ok(fromCdn.includes('/courbaril/assets/decode-worker.js'), String(fromCdn));
    assert.equal(fromCdn.filter((r) => r.endsWith('.wasm')).length, 2);
    assert.deepEqual(
      portal.requests.slice(portalBefore).filter((r) => r.startsWith('/own/assets/')),
      [],
      'no worker, chunk or .wasm asked of the portal',
    );
    assert.deepEqual(await problems(), []);
    await page.close();
  });
});

describe('a host that starts workers itself (configureWorkers({ createWorker }))', () => {
  let browser;
  let server;
  let hostDir;
  const csp =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "require-trusted-types-for 'script'; trusted-types lit-html hospital";

  before(async () => {
    hostDir = mkdtempSync(path.join(tmpdir(), 'courbaril-host-'));
    // The host's own policy, which only lets Courbaril's worker URL through.
    writeFileSync(
      path.join(hostDir, 'hook.js'),
      `import { configureWorkers } from '/courbaril/courbaril.js';
const policy = trustedTypes.createPolicy('hospital', {
  createScriptURL: (url) => {
    if (!url.startsWith(location.origin + '/courbaril/assets/')) throw new TypeError('not ours');
    return url;
  },
});
window.hookCalls = [];
configureWorkers({
  createWorker: (url) => {
    window.hookCalls.push(url.pathname);
    return new Worker(policy.createScriptURL(url.href), { type: 'module' });
  },
});
document.body.dataset.hook = 'ready';`,
    );
    const page = (scripts) =>
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title>
<link rel="icon" href="data:,">${scripts}</head><body></body></html>`;
    server = await serveStatic({
      routes: { '/courbaril/': STANDALONE, '/data/': DATA, '/host/': hostDir },
      headers: { 'content-security-policy': csp },
      pages: {
        '/hook': page(
          '<script type="module" src="/courbaril/courbaril.js"></script><script type="module" src="/host/hook.js"></script>',
        ),
        '/no-hook': page('<script type="module" src="/courbaril/courbaril.js"></script>'),
      },
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(hostDir, { recursive: true, force: true });
  });

  it('decodes through the hook, which receives the worker URL', async () => {
    const { page, problems } = await open(browser, `${server.url}/hook`);
    await page.waitForFunction(() => document.body.dataset.hook === 'ready');
    const name = FIXTURES.jpegLs.name;
    const result = await decodeIn(page, '/courbaril/courbaril.js', `/data/${name}.dcm`);
    assert.deepEqual(result, { pixels: expectedPixels(name) });
    const calls = await page.evaluate(() => window.hookCalls);
    assert.ok(calls.length >= 1);
    assert.ok(
      calls.every((call) => call === '/courbaril/assets/decode-worker.js'),
      String(calls),
    );
    assert.deepEqual(await problems(), []);
    await page.close();
  });

  it('without the hook, rejects with a DecodeError naming the refused policy', async () => {
    const { page } = await open(browser, `${server.url}/no-hook`);
    const name = FIXTURES.jpegLs.name;
    const result = await decodeIn(page, '/courbaril/courbaril.js', `/data/${name}.dcm`);
    assert.equal(result.error?.name, 'DecodeError');
    assert.match(result.error.message, /Trusted Types policy "courbaril"/);
    await page.close();
  });
});
