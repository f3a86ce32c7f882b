// A second, foreign origin for the browser tests: another loopback port, so another origin than
// the test page and its DICOMweb proxies. It allows CORS from anywhere (credentials included), so
// the browser itself would let a token or a cookie through: only the client's own rules keep them
// away. It records every request it receives (preflights too) and answers GETs with 16 known bytes,
// or 401 when the path ends in /401 (a client must not run the host's refreshToken for it).
import http from 'node:http';
import { answeredPreflight, corsHeaders } from '../rig/cors.mjs';

/** The body every GET receives: bytes 1…16, application/octet-stream. */
export const FOREIGN_BYTES = Array.from({ length: 16 }, (_, i) => i + 1);

/**
 * @typedef {{ method: string, url: string, headers: Record<string, string | string[] | undefined> }} RecordedRequest
 */

export async function startForeignOrigin() {
  /** @type {RecordedRequest[]} */
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } });
    const cors = corsHeaders(req, { methods: 'GET' });
    if (answeredPreflight(req, res, cors)) return;
    if (req.url?.endsWith('/401')) {
      res.writeHead(401, cors);
      res.end();
      return;
    }
    res.writeHead(200, {
      ...cors,
      'content-type': 'application/octet-stream',
      'cache-control': 'no-store',
      // A server that tries to leave a cookie: a credentialed request would bring it back.
      'set-cookie': 'foreign-session=planted; SameSite=None; Path=/',
    });
    res.end(Buffer.from(FOREIGN_BYTES));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset: () => {
      requests.length = 0;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
