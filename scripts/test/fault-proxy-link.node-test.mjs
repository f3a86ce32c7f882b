// The fault proxy's link model (rate + round trip + seeded jitter) against a local HTTP server:
// what the thin-links bench (bench/thin) takes as its emulated links. Only lower bounds and
// exact counts are asserted: a busy machine can make a response later, never earlier.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { LINK_PROFILES, startFaultProxy } from './fault-proxy.mjs';

const BODY = Buffer.alloc(250_000, 7);
let origin;
let link;

before(async () => {
  origin = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(req.url === '/small' ? 'x' : BODY);
  });
  await new Promise((resolve) => origin.listen(0, '127.0.0.1', resolve));
  link = await startFaultProxy({ target: `http://127.0.0.1:${origin.address().port}` });
});

after(async () => {
  await link.stop();
  await new Promise((resolve) => origin.close(resolve));
});

/** GET through the proxy on a fresh connection: times to the response head and to the end. */
function get(path, agent) {
  return new Promise((resolve, reject) => {
    const sent = performance.now();
    http
      .get(`${link.url}${path}`, { agent }, (res) => {
        const head = performance.now() - sent;
        let bytes = 0;
        res.on('data', (d) => (bytes += d.length));
        res.on('end', () => resolve({ head, end: performance.now() - sent, bytes }));
      })
      .on('error', reject);
  });
}

describe('fault proxy link model', () => {
  it('delays the first byte of a response by the round trip, and a new connection by one more', async () => {
    link.reset();
    link.setFaults({ rttMs: 80 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const first = await get('/small', agent);
    const second = await get('/small', agent);
    agent.destroy();
    assert.ok(first.head >= 160 - 2, `handshake + round trip: ${first.head} ms`);
    assert.ok(
      second.head >= 80 - 2,
      `one round trip on a kept-alive connection: ${second.head} ms`,
    );
    assert.deepEqual(link.counters.roundTripsMs, [80, 80]);
  });

  it('shares one rate between concurrent responses and counts the bytes that crossed', async () => {
    link.reset();
    link.setFaults({ mbps: 20, rttMs: 20 });
    const results = await Promise.all([get('/a'), get('/b')]);
    const seconds = (2 * BODY.length * 8) / 20e6;
    // 500 KB at 20 Mbit/s: 200 ms on the wire (less the proxy's 20 ms of burst credit).
    assert.ok(
      Math.max(...results.map((r) => r.end)) >= seconds * 1000 - 25,
      `${results.map((r) => r.end.toFixed(0)).join(', ')} ms`,
    );
    assert.equal(link.counters.bytes, 2 * BODY.length);
    assert.deepEqual(
      results.map((r) => r.bytes),
      [BODY.length, BODY.length],
    );
  });

  it('draws jittered round trips from its seed: the same seed replays the same sequence', async () => {
    const draw = async (seed) => {
      link.reset();
      link.setFaults({ rttMs: 30, jitterMs: 20, seed });
      for (let i = 0; i < 5; i++) await get('/small');
      return [...link.counters.roundTripsMs];
    };
    const a = await draw(7);
    const b = await draw(7);
    const c = await draw(8);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    for (const rtt of a) assert.ok(rtt >= 10 && rtt <= 50, `${rtt} within 30 ± 20 ms`);
    assert.ok(new Set(a).size > 1, 'jitter varies from request to request');
  });

  it('names the thin links of issue 18', () => {
    assert.deepEqual(LINK_PROFILES['30 Mbit/s + 40 ms'], { mbps: 30, rttMs: 40 });
    assert.equal(LINK_PROFILES['8 Mbit/s + 120 ms']?.rttMs, 120);
    assert.ok((LINK_PROFILES['4G-like 15 Mbit/s + 60 ms ± 20 ms']?.jitterMs ?? 0) > 0);
  });
});
