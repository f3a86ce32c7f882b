// A tiny static file server for Node-driven browser tests and benchmarks, with
// per-test response headers (e.g. a strict CSP) and a request log.
import http from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
  '.dcm': 'application/dicom',
};

/**
 * @param {{ routes: Record<string, string>, headers?: Record<string, string>, pages?: Record<string, string>,
 *   middleware?: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void)[] }} options
 *   routes: URL prefix → folder; pages: path → inline HTML; middleware: connect-style handlers
 *   tried first, in order (e.g. a same-origin proxy to Orthanc)
 * @returns {Promise<{ url: string, requests: string[], close: () => Promise<void> }>}
 */
export async function serveStatic({ routes, headers = {}, pages = {}, middleware = [] }) {
  /** @type {string[]} */
  const requests = [];
  const server = http.createServer((req, res) => {
    const handlers = [...middleware];
    const next = () => {
      const handler = handlers.shift();
      if (handler) handler(req, res, next);
      else serveFile(req, res);
    };
    next();
  });
  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  const serveFile = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    const page = pages[url.pathname];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'], ...headers });
      res.end(page);
      return;
    }
    for (const [prefix, folder] of Object.entries(routes)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.resolve(folder, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (!file.startsWith(path.resolve(folder)) || !existsSync(file) || !statSync(file).isFile())
        break;
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        ...headers,
      });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, headers);
    res.end();
  };
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
