// Same-origin proxy to a DICOMweb server that sends no CORS headers (Orthanc): used by the
// test runner (Koa) and the demo's dev server (connect). It is faithful to faults: a browser
// abort closes the upstream request (the server stops sending), and an upstream reset resets
// the browser's connection (the client sees a cut response, not a hang).
import http from 'node:http';

/**
 * @param {{ prefix: string, target: string }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void}
 */
export function proxy({ prefix, target }) {
  const base = new URL(target);
  return (req, res, next) => {
    if (!req.url?.startsWith(prefix + '/') && req.url !== prefix) return next();
    const url = new URL(base.pathname.replace(/\/$/, '') + req.url.slice(prefix.length), base);
    const headers = { ...req.headers, host: base.host };
    const upstream = http.request(url, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('aborted', () => res.socket?.destroy());
      answer.on('error', () => res.socket?.destroy());
    });
    upstream.on('error', () => {
      if (res.headersSent) {
        res.socket?.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Bad gateway');
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };
}

/** The same, as Koa middleware for @web/dev-server and @web/test-runner. */
export function proxyKoa(options) {
  const handle = proxy(options);
  return (ctx, next) =>
    new Promise((resolve) => {
      let passed = false;
      ctx.respond = false;
      handle(ctx.req, ctx.res, () => {
        passed = true;
        ctx.respond = true;
        resolve(next());
      });
      if (!passed) ctx.res.on('close', resolve);
    });
}
