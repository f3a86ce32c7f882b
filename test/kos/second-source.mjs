// A second DICOMweb source for the browser tests: the rig's Orthanc behind its own loopback
// origin (another port than the test page), with CORS for any origin, credentials included, so
// the browser itself would let a token through: only the viewer's origin rules keep it away. It
// records every request (method, path, Authorization) and forwards the rest to Orthanc's
// /dicom-web (Orthanc sends no CORS headers of its own).
import http from 'node:http';
import { answeredPreflight, corsHeaders } from '../rig/cors.mjs';

/** @param {string} orthancUrl */
export async function startSecondSource(orthancUrl) {
  /** @type {{ method: string, url: string, authorization: string | undefined }[]} */
  const requests = [];
  const target = new URL(orthancUrl);
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
    });
    const cors = corsHeaders(req, {
      methods: 'GET, POST',
      expose: 'content-type, content-length',
    });
    if (answeredPreflight(req, res, cors)) return;
    const headers = { ...req.headers, host: target.host };
    delete headers.origin;
    delete headers.referer;
    delete headers['accept-encoding'];
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...cors });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, cors);
      res.end();
    });
    req.pipe(upstream);
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
