// Issue 13 item 7: the whole <cb-viewer> from the standalone build, on a page enforcing Trusted
// Types under the strict CSP, opens a patient over DICOMweb and draws a decoded image, with no
// CSP or Trusted Types violation and no page error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';
import { staticDicomweb } from '../../scripts/static-dicomweb.mjs';
import { STANDALONE } from './standalone-page.mjs';

const DATA = 'test/.tmp/data';
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; object-src blob:; frame-src blob:; " +
  "require-trusted-types-for 'script'; trusted-types courbaril lit-html";

describe('<cb-viewer> under Trusted Types', () => {
  let browser;
  let server;

  before(async () => {
    assert.ok(existsSync(`${STANDALONE}/courbaril.js`), 'run `npm run build` first');
    const { patient } = JSON.parse(readFileSync(`${DATA}/manifest.json`, 'utf8'));
    server = await serveStatic({
      routes: { '/courbaril/': STANDALONE },
      headers: { 'content-security-policy': CSP },
      middleware: [staticDicomweb({ root: `${DATA}/dicom-web`, prefix: '/dicom-web' })],
      pages: {
        '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title>
<link rel="icon" href="data:,"><script type="module" src="/courbaril/courbaril.js"></script></head>
<body><cb-viewer server="/dicom-web" patient-id="${patient.patientId}" issuer="${patient.issuerOfPatientId}"
cache="none" style="display:block;width:800px;height:600px"></cb-viewer></body></html>`,
      },
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the patient and renders a decoded image with no violation', async () => {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window.__violations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
      });
      window.__rendered = new Promise((resolve) => {
        document.addEventListener('cb-image-rendered', (event) => {
          if (event.detail.quality === 'full') resolve(event.detail.frame);
        });
      });
    });
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    const frame = await page.evaluate(() => window.__rendered);
    assert.equal(typeof frame, 'number');
    assert.ok(
      server.requests.some((r) => r.endsWith('decode-worker.js')),
      'a decode worker started',
    );
    problems.push(...(await page.evaluate(() => window.__violations ?? [])));
    assert.deepEqual(problems, []);
  });
});
