import { expect } from '@open-wc/testing';
import { DicomwebClient } from './dicomweb-client.js';
import { RetrievalPriority, RetrievalScheduler, type FrameAddress } from './retrieval-scheduler.js';
import { waitFor } from '../../test/waits.js';

// An in-page DICOMweb frame endpoint: each part's body is the frame number as text.
// (Real-server behaviour is covered in test/dicomweb against Orthanc; this pins ordering exactly.)
interface Served {
  readonly url: string;
  readonly frames: number[];
  /** What the browser was told (Fetch `priority`), as fetch() received it. */
  readonly priority: RequestPriority | undefined;
  aborted: boolean;
}

interface FakeServer {
  readonly fetch: typeof fetch;
  readonly served: Served[];
  /** Resolves once `count` requests have arrived. */
  arrived(count: number): Promise<void>;
  /** Answers every request held so far and every later one at once (`held` servers). */
  answer(): void;
}

/**
 * Answers at once, or with `held` only when the test calls `answer()`: a request the test
 * wants in flight stays in flight until the test has looked, however loaded the machine.
 */
function fakeServer(options: { held?: boolean } = {}): FakeServer {
  const served: Served[] = [];
  const holding: (() => void)[] = [];
  const arrivals: { count: number; resolve: () => void }[] = [];
  let held = options.held ?? false;
  const hook: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const frames = (/\/frames\/([\d,]+)$/.exec(url)?.[1] ?? '').split(',').map(Number);
    const record: Served = { url, frames, priority: init?.priority, aborted: false };
    served.push(record);
    for (const arrival of arrivals.filter((a) => a.count <= served.length)) arrival.resolve();
    await new Promise<void>((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => {
        record.aborted = true;
        reject(new DOMException('aborted', 'AbortError'));
      });
      if (held) holding.push(resolve);
      else resolve();
    });
    const body =
      frames
        .map((n) => `--B\r\nContent-Type: application/octet-stream\r\n\r\nframe${n}\r\n`)
        .join('') + '--B--';
    return new Response(body, {
      headers: { 'content-type': 'multipart/related; type="application/octet-stream"; boundary=B' },
    });
  };
  return {
    fetch: hook,
    served,
    arrived: (count) =>
      new Promise((resolve) => {
        if (served.length >= count) resolve();
        else arrivals.push({ count, resolve });
      }),
    answer: () => {
      held = false;
      for (const resolve of holding.splice(0)) resolve();
    },
  };
}

/** A UID (digits and dots, PS3.5 §9.1) made from a readable label: URLs are built only from UIDs. */
const uidOf = (label: string): string =>
  `3.${Array.from({ length: label.length }, (_, i) => label.charCodeAt(i)).join('.')}`;

const address = (sop: string, frameNumber: number): FrameAddress => ({
  studyInstanceUid: '1',
  seriesInstanceUid: '2',
  sopInstanceUid: uidOf(sop),
  frameNumber,
});
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('RetrievalScheduler', () => {
  it('sends one request for a frame asked for twice, and gives each caller its own buffer', async () => {
    const server = fakeServer();
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
    );
    const [a, b] = await Promise.all([
      scheduler.request(address('s1', 1)),
      scheduler.request(address('s1', 1), { priority: 0 }),
    ]);
    expect(server.served.length).to.equal(1);
    expect(text(a.bytes)).to.equal('frame1');
    expect(text(b.bytes)).to.equal('frame1');
    expect(a.bytes.buffer).to.not.equal(b.bytes.buffer);
  });

  it('serves lower priority numbers first, and a re-prioritised frame at once', async () => {
    const server = fakeServer();
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
      { maxConcurrentRequests: 1 },
    );
    const done: string[] = [];
    const requests = ['a', 'b', 'c', 'd'].map((sop, i) =>
      scheduler.request(address(sop, 1), { priority: 10 + i }).then(() => done.push(sop)),
    );
    requests.push(
      scheduler.request(address('visible', 1), { priority: 0 }).then(() => done.push('visible')),
    );
    scheduler.reprioritize(address('d', 1), 1);
    await Promise.all(requests);
    expect(done).to.deep.equal(['visible', 'd', 'a', 'b', 'c']);
  });

  it('tells the browser the priority: high for frames on screen, low for the series behind them', async () => {
    const server = fakeServer();
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
      { maxConcurrentRequests: 1 },
    );
    await Promise.all([
      scheduler.request(address('visible', 1), { priority: 0 }),
      scheduler.request(address('neighbour', 1), { priority: 1 }),
      scheduler.request(address('series', 1)),
      scheduler.request(address('prefetch', 1), { priority: RetrievalPriority.prefetch }),
    ]);
    const told: Record<string, RequestPriority | undefined> = {};
    const labels = new Map(
      ['visible', 'neighbour', 'series', 'prefetch'].map((label) => [uidOf(label), label]),
    );
    for (const s of server.served) {
      const uid = /instances\/([^/]+)/.exec(s.url)?.[1] ?? '';
      told[labels.get(uid) ?? s.url] = s.priority;
    }
    expect(told).to.deep.equal({
      visible: 'high',
      neighbour: 'high',
      series: 'low',
      prefetch: 'low',
    });
  });

  it('caps concurrent requests per server', async () => {
    const server = fakeServer({ held: true });
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
      { maxConcurrentRequests: 3 },
    );
    const all = [...Array(9).keys()].map((i) => scheduler.request(address(`s${i}`, 1)));
    await server.arrived(3);
    // None answered yet: the other six wait for a free slot.
    expect(scheduler.stats).to.include({ inFlight: 3, queued: 6 });
    expect(server.served.length).to.equal(3);
    server.answer();
    await Promise.all(all);
    expect(server.served.length).to.equal(9);
  });

  it('batches frames of one multi-frame instance into one request', async () => {
    const server = fakeServer();
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
      { maxFramesPerRequest: 4 },
    );
    const frames = await Promise.all(
      [5, 1, 2, 3, 4, 6].map((n) => scheduler.request(address('multi', n))),
    );
    expect(frames.map((f) => text(f.bytes))).to.deep.equal([
      'frame5',
      'frame1',
      'frame2',
      'frame3',
      'frame4',
      'frame6',
    ]);
    expect(server.served.map((s) => s.frames)).to.deep.equal([
      [1, 2, 3, 5],
      [4, 6],
    ]);
  });

  it('aborts the HTTP request once every caller has withdrawn, and only then', async () => {
    const server = fakeServer({ held: true });
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
    );
    const first = new AbortController();
    const second = new AbortController();
    const a = scheduler.request(address('s', 1), { signal: first.signal });
    const b = scheduler.request(address('s', 1), { signal: second.signal });
    await server.arrived(1);
    first.abort();
    await a.catch(() => undefined);
    expect(server.served[0]?.aborted).to.equal(false);
    second.abort();
    await b.catch(() => undefined);
    expect(server.served[0]?.aborted).to.equal(true);
    // The aborted request leaves the in-flight count once its rejection has come back.
    await waitFor(() => scheduler.stats.inFlight === 0, 'the aborted request to end');
    expect(scheduler.stats).to.include({ queued: 0, inFlight: 0 });
    expect(server.served).to.have.length(1);
  });

  it('aborts every request of a study left by the user', async () => {
    const server = fakeServer({ held: true });
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
      { maxConcurrentRequests: 2 },
    );
    const results = [...Array(5).keys()].map((i) =>
      scheduler.request(address(`s${i}`, 1)).then(
        () => 'ok',
        (e: unknown) => (e as Error).name,
      ),
    );
    await server.arrived(2);
    scheduler.abortScope('1');
    expect(await Promise.all(results)).to.deep.equal([
      'AbortError',
      'AbortError',
      'AbortError',
      'AbortError',
      'AbortError',
    ]);
    expect(server.served.length).to.equal(2);
    expect(server.served.every((s) => s.aborted)).to.equal(true);
  });
});
