// Plain pages around the standalone build (one <script type="module">, nothing else) for
// Node-driven browser tests, optionally under the strict CSP a hospital portal would send.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';

/** `npm run build` output; CB_STANDALONE_DIR points at another build (a private one while editing). */
export const STANDALONE = process.env.CB_STANDALONE_DIR ?? 'dist/standalone';

/** No unsafe-eval, no inline script: only 'wasm-unsafe-eval' for the codecs. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:";

/** A page that loads the standalone module and holds `body` (CSS sizes in the markup). */
export function plainPage(body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title>
<script type="module" src="/courbaril/courbaril.js"></script></head>
<body style="margin:0">${body}</body></html>`;
}

/**
 * Serves the standalone build at /courbaril/ plus `routes`, and starts Chromium.
 * @param {{ csp: boolean, routes?: Record<string, string>, pages: Record<string, string> }} options
 */
export async function startStandalone({ csp, routes = {}, pages }) {
  assert.ok(existsSync(`${STANDALONE}/courbaril.js`), 'run `npm run build` first');
  const server = await serveStatic({
    routes: { '/courbaril/': STANDALONE, ...routes },
    headers: csp ? { 'content-security-policy': STRICT_CSP } : {},
    pages,
  });
  const browser = await launchChromium();
  return {
    server,
    browser,
    /**
     * Opens `path` at devicePixelRatio 1 once <cb-viewport> is defined; `problems()` lists
     * page errors and CSP violations seen so far.
     */
    async open(path) {
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/.test(message.text()))
          problems.push(`console: ${message.text()}`);
      });
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          (window.__violations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      await page.setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      await page.waitForFunction(() => customElements.get('cb-viewport') !== undefined, {
        timeout: 10000,
      });
      return {
        page,
        async problems() {
          const inPage = await page.evaluate(() => window.__violations ?? []);
          return [...problems, ...inPage.map((v) => `CSP violation: ${v}`)];
        },
      };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
