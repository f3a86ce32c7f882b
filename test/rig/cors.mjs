// The CORS answer of the test rig's foreign origins (foreign-origin.mjs, second-source.mjs): they
// allow the request's own origin with credentials and echo the headers it asks to send, so the
// browser itself would let a token or a cookie through and only the client's own origin rules keep
// them away. Preflights are answered 204 with these headers and nothing else.

/**
 * CORS response headers allowing `req`'s origin, credentials included (Fetch standard §3.2.3:
 * with credentials the origin must be named, not `*`).
 * @param {import('node:http').IncomingMessage} req
 * @param {{ methods: string, expose?: string }} options allowed methods; headers the page may read
 * @returns {Record<string, string>}
 */
export function corsHeaders(req, { methods, expose }) {
  const requested = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': methods,
    'access-control-allow-headers': typeof requested === 'string' ? requested : '*',
    ...(expose ? { 'access-control-expose-headers': expose } : {}),
    // No preflight cache: each test sees every preflight its requests cause.
    'access-control-max-age': '0',
    vary: 'Origin',
  };
}

/**
 * Answers a preflight (OPTIONS) with 204 and `headers`; returns whether it did.
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 * @param {Record<string, string>} headers
 */
export function answeredPreflight(req, res, headers) {
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, headers);
  res.end();
  return true;
}
