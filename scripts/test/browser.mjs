// Debian's Chromium, headless, for Node-driven tests and benchmarks (never a downloaded browser).
import puppeteer from 'puppeteer-core';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-quic',
  // Chromium 156 headless preloads its omnibox popup (a WebUI renderer running Lit) beside every
  // new page: ~150 ms of CPU at each page start on a 2-core machine, inside what benches measure.
  '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/** @returns {Promise<import('puppeteer-core').Browser>} closed with its profile by `browser.close()` */
export async function launchChromium() {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'courbaril-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    userDataDir,
  });
  // Chromium may still be flushing its profile when it disconnects: remove it late, never throw.
  browser.once('disconnected', () => {
    setTimeout(
      () =>
        void rm(userDataDir, {
          recursive: true,
          force: true,
          maxRetries: 10,
          retryDelay: 200,
        }).catch(() => undefined),
      500,
    );
  });
  return browser;
}
