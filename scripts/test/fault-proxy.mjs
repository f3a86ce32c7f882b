// A loopback HTTP proxy in front of a DICOMweb server that misbehaves on demand,
// for tests and benchmarks: delay, throttle to N Mbit/s (one shared link), emulate a thin far
// link (rate + round-trip time + seeded jitter, named profiles in LINK_PROFILES), cut a
// response body after N bytes (socket reset or clean early end), stall a body after
// N bytes or never answer at all (connection kept open), answer bursts of 5xx/401,
// demand a bearer token that can expire mid-series, or be "down" (connections reset).
// It counts what it sees, including requests the client abandoned. Controlled from Node (`setFaults`) or over HTTP:
//   GET  /__fault            → { faults, counters }
//   POST /__fault  {faults}  → replaces the faults;  POST /__fault/reset → clears faults and counters
import http from 'node:http';

/**
 * @typedef {object} Faults
 * @property {number} [delayMs]   latency added before each upstream request
 * @property {number} [mbps]      throughput cap shared by all responses (a thin link)
 * @property {number} [rttMs]     round-trip time of the emulated link: each request's response
 *   starts one round trip after it was sent (half on the way up, half on the way down, every
 *   body byte delayed by the half on the way down after it leaves the shared `mbps` link), and a
 *   new connection first pays one more (TCP handshake)
 * @property {number} [jitterMs]  each request's round trip drawn uniformly in rttMs ± jitterMs
 *   (never below 0), from a seeded generator: the same seed, the same sequence
 * @property {number} [seed]      seed of the jitter generator (default 1)
 * @property {{ afterBytes: number, mode?: 'reset' | 'end', count?: number, match?: string }} [cut]
 *   cut the next `count` (default 1) matching response bodies after `afterBytes` bytes
 * @property {{ status: number, count?: number, match?: string }} [fail]
 *   answer `status` to the next `count` (default 1; -1 = always) matching requests
 * @property {{ afterBytes: number, count?: number, match?: string }} [stall]
 *   send the next `count` (default 1; -1 = always) matching response bodies up to `afterBytes`, then nothing
 *   more, the connection left open (a server or proxy that hangs mid-body)
 * @property {{ count?: number, match?: string }} [hang]
 *   never answer the next `count` (default 1; -1 = always) matching requests (no status line, socket open)
 * @property {{ token: string }} [auth]
 *   answer 401 to requests without `Authorization: Bearer <token>`; changing the token
 *   expires the old one (a session that expires mid-series)
 * @property {boolean} [down]     reset every connection at once
 * @property {{ drop: string[], match?: string }} [query]
 *   remove these query parameters before forwarding matching requests (a server whose QIDO
 *   ignores a matching key: sloppy patient matching)
 * @property {{ pattern: string, replacement: string, match?: string }} [rewrite]
 *   replace every match of the regular expression `pattern` in matching response bodies
 *   (a server that lies: another patient's ID, a BulkDataURI on another origin)
 */

/**
 * @param {{ target: string, port?: number }} options
 */
export async function startFaultProxy({ target, port = 0 }) {
  const base = new URL(target);
  /** @type {Faults} */
  let faults = {};
  const counters = newCounters();
  let linkFreeAt = 0;
  let random = seeded(1);
  /** [Date.now()-based time, body bytes written so far] after each write, for `bytesBefore`. */
  let written = /** @type {[number, number][]} */ ([]);
  /** Connections that already paid their handshake round trip. */
  const connected = new WeakSet();
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();

  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/__fault')) return control(req, res);
    const url = req.url ?? '/';
    const kind = kindOf(url);
    counters.requests++;
    counters.byKind[kind] = (counters.byKind[kind] ?? 0) + 1;
    counters.paths.push(url.split('?')[0] ?? url);
    if (counters.paths.length > 2000) counters.paths.shift();
    let completed = false;
    res.on('finish', () => (completed = true));
    res.on('close', () => {
      if (!completed) counters.abandoned++;
    });
    if (faults.down) {
      counters.refused++;
      req.socket.destroy();
      return;
    }
    if (faults.auth && req.headers.authorization !== `Bearer ${faults.auth.token}`) {
      counters.unauthorized++;
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
      res.end('fault proxy: token expired');
      return;
    }
    if (take(faults.hang, url)) {
      counters.hung++;
      return; // the response is never written; the socket stays open until the client gives up
    }
    const fail = faults.fail;
    if (fail && matches(fail.match, url) && (fail.count ?? 1) !== 0) {
      if (fail.count !== undefined && fail.count > 0) fail.count--;
      counters.failed++;
      res.writeHead(fail.status, { 'content-type': 'text/plain' });
      res.end(`fault proxy: ${fail.status}`);
      return;
    }
    const cut =
      faults.cut && matches(faults.cut.match, url) && (faults.cut.count ?? 1) > 0
        ? faults.cut
        : undefined;
    if (cut) cut.count = (cut.count ?? 1) - 1;
    const stall = take(faults.stall, url) ? faults.stall : undefined;
    const rtt = roundTrip();
    if (rtt > 0) {
      counters.roundTripsMs.push(rtt);
      if (counters.roundTripsMs.length > 2000) counters.roundTripsMs.shift();
    }
    // TCP's handshake is one round trip before the request can leave on a new connection.
    const handshake = rtt > 0 && !connected.has(req.socket) ? rtt : 0;
    connected.add(req.socket);
    setTimeout(
      () => forward(req, res, cut ?? (stall && { ...stall, mode: 'stall' }), rtt / 2),
      (faults.delayMs ?? 0) + handshake + rtt / 2,
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  /** This request's round trip on the emulated link: rttMs ± jitterMs, seeded. */
  function roundTrip() {
    const rtt = faults.rttMs ?? 0;
    const jitter = faults.jitterMs ?? 0;
    if (!rtt && !jitter) return 0;
    return Math.max(0, rtt + (random() * 2 - 1) * jitter);
  }

  /**
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res
   * @param {{ afterBytes: number, mode?: 'reset' | 'end' | 'stall' } | undefined} cut
   * @param {number} downMs one-way delay of the response (half its round trip)
   */
  function forward(req, res, cut, downMs) {
    const kind = kindOf(req.url ?? '/');
    const upstreamUrl = new URL(base.pathname.replace(/\/$/, '') + (req.url ?? '/'), base);
    const query = faults.query;
    if (query && matches(query.match, req.url ?? '/'))
      for (const name of query.drop) upstreamUrl.searchParams.delete(name);
    const rewrite =
      faults.rewrite && matches(faults.rewrite.match, req.url ?? '/') ? faults.rewrite : undefined;
    const headers = { ...req.headers, host: base.host };
    // A body rewritten as text must come uncompressed.
    if (rewrite) delete headers['accept-encoding'];
    const upstream = http.request(upstreamUrl, { method: req.method, headers }, (answer) => {
      if (rewrite) return rewritten(answer, res, rewrite);
      const headers = { ...answer.headers };
      if (cut?.mode === 'end') {
        // A clean early end needs a body without a declared length.
        delete headers['content-length'];
      }
      // The status line and headers reach the client half a round trip after the server sent them.
      let tail = until(performance.now() + downMs).then(() => {
        if (!res.destroyed) res.writeHead(answer.statusCode ?? 502, headers);
      });
      let sent = 0;
      // Writes and the final end run in order on one chain: an end racing a pending
      // write (same timer deadline) would cut the body.
      answer.on('data', (/** @type {Buffer} */ data) => {
        let chunk = data;
        if (cut && sent + chunk.length > cut.afterBytes)
          chunk = chunk.subarray(0, Math.max(0, cut.afterBytes - sent));
        sent += chunk.length;
        const through = sent;
        answer.pause();
        // The link is busy while the chunk is serialised; its propagation delay overlaps the
        // next chunk's (a pipe, not a queue): the source resumes when the chunk has left.
        const left = throttle(chunk.length);
        void left.then(() => {
          if (!cut || sent < cut.afterBytes) answer.resume();
        });
        tail = tail
          .then(() => left)
          .then((departed) => until(departed + downMs))
          .then(() => {
            if (res.destroyed) return answer.destroy();
            if (chunk.length) {
              res.write(chunk);
              counters.bytes += chunk.length;
              counters.bytesByKind[kind] = (counters.bytesByKind[kind] ?? 0) + chunk.length;
              if (written.length < 100_000)
                written.push([performance.timeOrigin + performance.now(), counters.bytes]);
            }
            if (cut && through >= cut.afterBytes) {
              answer.destroy();
              if (cut.mode === 'stall') {
                counters.stalled++;
                return; // nothing more is written; the client's watchdog has to notice
              }
              counters.cut++;
              if (cut.mode === 'end') res.end();
              else res.socket?.destroy();
            }
          });
      });
      answer.on('end', () => {
        tail = tail.then(() => {
          if (!res.destroyed && !res.writableEnded) res.end();
        });
      });
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('fault proxy: upstream unreachable');
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }

  /** @param {http.IncomingMessage} answer @param {http.ServerResponse} res @param {NonNullable<Faults['rewrite']>} rewrite */
  function rewritten(answer, res, rewrite) {
    /** @type {Buffer[]} */
    const chunks = [];
    answer.on('data', (/** @type {Buffer} */ data) => chunks.push(data));
    answer.on('error', () => res.destroy());
    answer.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = Buffer.from(text.replace(new RegExp(rewrite.pattern, 'g'), rewrite.replacement));
      if (body.toString('utf8') !== text) counters.rewritten++;
      const headers = { ...answer.headers, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      res.writeHead(answer.statusCode ?? 502, headers);
      counters.bytes += body.length;
      res.end(body);
    });
  }

  /**
   * Serialises every byte through one link of `mbps`: concurrent responses share it. Resolves
   * when the bytes have left the link, with that time (performance.now()).
   */
  function throttle(bytes) {
    const mbps = faults.mbps;
    const now = performance.now();
    if (!mbps) return Promise.resolve(now);
    // A little credit (20 ms of link time) so late timers on a busy event loop do not turn
    // into idle link time: the average rate stays at `mbps`, bursts stay short.
    const start = Math.max(now - 20, linkFreeAt);
    linkFreeAt = start + (bytes * 8) / (mbps * 1000);
    const departed = linkFreeAt;
    return until(departed).then(() => departed);
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  function control(req, res) {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/__fault/reset') reset();
      else if (req.method === 'POST') setFaults(body ? JSON.parse(body) : {});
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ faults, counters }));
    });
  }

  function setFaults(/** @type {Faults} */ next) {
    faults = structuredClone(next ?? {});
    random = seeded(faults.seed ?? 1);
    if (faults.down) for (const socket of sockets) socket.destroy();
  }

  function reset() {
    faults = {};
    Object.assign(counters, newCounters());
    linkFreeAt = 0;
    random = seeded(1);
    written = [];
  }

  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    setFaults,
    reset,
    get faults() {
      return faults;
    },
    counters,
    /**
     * Body bytes written to clients before `epochMs` (ms since the epoch, as a page's
     * `performance.timeOrigin + performance.now()`): what had crossed the link by then.
     * @param {number} epochMs
     */
    bytesBefore(epochMs) {
      let bytes = 0;
      for (const [time, total] of written) {
        if (time > epochMs) break;
        bytes = total;
      }
      return bytes;
    },
    /**
     * Closes every connection (idle keep-alive ones included), so the next request opens a new
     * one and, with `rttMs`, pays its handshake: a cold page's first request.
     */
    closeConnections() {
      for (const socket of sockets) socket.destroy();
    },
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * Emulated links for benchmarks and tests, by name: rate and round trip of the thin far links
 * between the islands and in GP surgeries (issue 18), and a 4G-like link with jitter.
 * @type {Readonly<Record<string, Faults>>}
 */
export const LINK_PROFILES = Object.freeze({
  '30 Mbit/s + 40 ms': { mbps: 30, rttMs: 40 },
  '8 Mbit/s + 120 ms': { mbps: 8, rttMs: 120 },
  '4G-like 15 Mbit/s + 60 ms ± 20 ms': { mbps: 15, rttMs: 60, jitterMs: 20, seed: 18 },
});

/** @param {string} url */
function kindOf(url) {
  return /\/frames\//.test(url) ? 'frames' : /\/metadata/.test(url) ? 'metadata' : 'other';
}

/** Resolves at `time` (performance.now()), at once when it has passed. */
function until(/** @type {number} */ time) {
  const wait = time - performance.now();
  return wait < 1 ? Promise.resolve() : new Promise((r) => setTimeout(r, wait));
}

/** mulberry32: a small seeded generator in [0, 1), so a jittered run can be replayed. */
function seeded(/** @type {number} */ seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function newCounters() {
  return {
    requests: 0,
    /** Response body bytes written to clients (what crossed the emulated link). */
    bytes: 0,
    bytesByKind: /** @type {Record<string, number>} */ ({}),
    /** Each request's emulated round trip (rttMs ± jitterMs), in arrival order. */
    roundTripsMs: /** @type {number[]} */ ([]),
    byKind: /** @type {Record<string, number>} */ ({}),
    abandoned: 0,
    refused: 0,
    failed: 0,
    cut: 0,
    rewritten: 0,
    stalled: 0,
    hung: 0,
    unauthorized: 0,
    paths: /** @type {string[]} */ ([]),
  };
}

/**
 * Takes one use of a counted fault when `url` matches it: true while `count` (default 1;
 * -1 = always) lasts.
 * @param {{ count?: number, match?: string } | undefined} fault @param {string} url
 */
function take(fault, url) {
  if (!fault || !matches(fault.match, url)) return false;
  if (fault.count === -1) return true;
  if ((fault.count ?? 1) <= 0) return false;
  fault.count = (fault.count ?? 1) - 1;
  return true;
}

/** @param {string | undefined} pattern @param {string} url */
function matches(pattern, url) {
  return pattern === undefined || new RegExp(pattern).test(url);
}
