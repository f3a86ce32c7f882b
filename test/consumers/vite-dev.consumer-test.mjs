// Issue 19: `vite` (the dev server a vendor runs first), no configuration: the package's
// worker, codecs and .wasm load through Vite's dependency handling, decode, and render.
import { describe, it } from 'node:test';
import path from 'node:path';
import { createServer } from 'vite';
import { checkPage, copyFixtures, installApp } from './consumer-app.mjs';

describe('consumer: Vite dev server, zero config', () => {
  it('decodes JPEG-LS and JPEG 2000 (values checked), renders, codecs lazy', async () => {
    const app = installApp('vite');
    copyFixtures(path.join(app, 'public'));
    const served = [];
    const server = await createServer({
      root: app,
      configFile: false,
      logLevel: 'warn',
      server: { host: '127.0.0.1', port: 0 },
      // Observation only: which .wasm files the dev server sends.
      plugins: [
        {
          name: 'test-record-wasm',
          configureServer(dev) {
            dev.middlewares.use((request, _response, next) => {
              if (request.url?.split('?')[0]?.endsWith('.wasm')) served.push(request.url);
              next();
            });
          },
        },
      ],
    });
    await server.listen();
    const base = server.resolvedUrls?.local[0] ?? '';
    try {
      await checkPage({
        url: `${base}index.html`,
        wasmRequests: () =>
          Promise.all(
            served.map(async (url) =>
              Buffer.from(await (await fetch(new URL(url, base))).arrayBuffer()),
            ),
          ),
      });
    } finally {
      await server.close();
    }
  });
});
