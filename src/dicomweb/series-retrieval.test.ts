import { expect } from '@open-wc/testing';
import { DicomwebClient } from './dicomweb-client.js';
import { LinkMeter } from './link-meter.js';
import { RetrievalPriority, RetrievalScheduler, type FrameAddress } from './retrieval-scheduler.js';

// Minimal Part 10 files (PS3.10 7.1, Explicit VR Little Endian): a 2×2 8-bit native frame whose
// bytes spell the instance's number, so each delivered frame can be traced to its instance.
function part10(sop: string, value: number): Uint8Array {
  const chunks: number[] = [...new Array<number>(128).fill(0), 0x44, 0x49, 0x43, 0x4d];
  const element = (group: number, el: number, vr: string, bytes: number[]): void => {
    chunks.push(group & 0xff, group >> 8, el & 0xff, el >> 8, vr.charCodeAt(0), vr.charCodeAt(1));
    if (vr === 'OB') chunks.push(0, 0, bytes.length & 0xff, (bytes.length >> 8) & 0xff, 0, 0);
    else chunks.push(bytes.length & 0xff, bytes.length >> 8);
    chunks.push(...bytes);
  };
  const text = (s: string): number[] =>
    Array.from(new TextEncoder().encode(s.length % 2 ? `${s}\0` : s));
  const us = (n: number): number[] => [n & 0xff, n >> 8];
  element(0x0002, 0x0010, 'UI', text('1.2.840.10008.1.2.1'));
  element(0x0008, 0x0018, 'UI', text(sop));
  element(0x0028, 0x0002, 'US', us(1));
  element(0x0028, 0x0004, 'CS', text('MONOCHROME2 '));
  element(0x0028, 0x0010, 'US', us(2));
  element(0x0028, 0x0011, 'US', us(2));
  element(0x0028, 0x0100, 'US', us(8));
  element(0x0028, 0x0101, 'US', us(8));
  element(0x0028, 0x0102, 'US', us(7));
  element(0x0028, 0x0103, 'US', us(0));
  element(0x7fe0, 0x0010, 'OB', [value, value, value, value]);
  return new Uint8Array(chunks);
}

interface Options {
  readonly instances: number;
  /** Instances left out of the series response. */
  readonly omit?: readonly number[];
  readonly seriesStatus?: number;
  /** Parts of the series response sent before it waits for `releaseSeries()`. */
  readonly holdSeriesAfter?: number;
}

function fakeServer(options: Options): {
  fetch: typeof fetch;
  urls: string[];
  releaseSeries: () => void;
} {
  const urls: string[] = [];
  let releaseSeries = (): void => undefined;
  const released = new Promise<void>((resolve) => {
    releaseSeries = resolve;
  });
  const hook: typeof fetch = (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    const frame = /\/instances\/3\.(\d+)\/frames\/1$/.exec(url);
    if (frame) {
      const n = Number(frame[1]);
      const body = new Blob([
        '--B\r\nContent-Type: application/octet-stream\r\n\r\n',
        new Uint8Array([n, n, n, n]),
        '\r\n--B--',
      ]);
      return Promise.resolve(
        new Response(body, {
          headers: {
            'content-type': 'multipart/related; type="application/octet-stream"; boundary=B',
          },
        }),
      );
    }
    if (options.seriesStatus)
      return Promise.resolve(new Response('no', { status: options.seriesStatus }));
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        let sent = 0;
        for (let n = 0; n < options.instances; n++) {
          if (options.omit?.includes(n)) continue;
          if (sent++ === options.holdSeriesAfter) await released;
          controller.enqueue(encoder.encode('--B\r\nContent-Type: application/dicom\r\n\r\n'));
          controller.enqueue(part10(`3.${n}`, n));
          controller.enqueue(encoder.encode('\r\n'));
        }
        controller.enqueue(encoder.encode('--B--'));
        controller.close();
      },
    });
    return Promise.resolve(
      new Response(stream, {
        headers: { 'content-type': 'multipart/related; type="application/dicom"; boundary=B' },
      }),
    );
  };
  return { fetch: hook, urls, releaseSeries };
}

const address = (n: number): FrameAddress => ({
  studyInstanceUid: '1',
  seriesInstanceUid: '2',
  sopInstanceUid: `3.${n}`,
  frameNumber: 1,
});
const frameUrls = (urls: string[]): string[] => urls.filter((u) => u.includes('/frames/'));
const seriesUrls = (urls: string[]): string[] => urls.filter((u) => /\/series\/[^/]+$/.test(u));

describe('Whole-series retrieval in the RetrievalScheduler', () => {
  it('fetches the background frames of a series of single-frame instances in one series request', async () => {
    const server = fakeServer({ instances: 30 });
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
      {
        seriesRetrieval: 'always',
      },
    );
    const frames = await Promise.all(
      [...Array(30).keys()].map((n) =>
        scheduler.request(address(n), { priority: RetrievalPriority.series + n }),
      ),
    );
    expect(frames.map((f) => f.bytes[0])).to.deep.equal([...Array(30).keys()]);
    expect(
      frames.every((f) => f.bytes.byteLength === 4 && f.bytes.buffer.byteLength === 4),
    ).to.equal(true);
    expect(frames[0]?.transferSyntaxUid).to.equal('1.2.840.10008.1.2.1');
    expect(seriesUrls(server.urls)).to.have.length(1);
    expect(frameUrls(server.urls)).to.have.length(0);
    expect(scheduler.stats).to.include({ requestsStarted: 1, seriesRequestsStarted: 1 });
  });

  it('never makes the frame on screen wait for the series request', async () => {
    // The series response sends two instances, then waits until the test lets it go on.
    const server = fakeServer({ instances: 30, holdSeriesAfter: 2 });
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
      {
        seriesRetrieval: 'always',
      },
    );
    const all = [...Array(30).keys()].map((n) =>
      scheduler.request(address(n), { priority: RetrievalPriority.series + n }),
    );
    // The first instance came through the series response (the second's boundary closed it).
    expect((await all[0])?.bytes[0]).to.equal(0);
    expect(seriesUrls(server.urls)).to.have.length(1);
    // The user scrolls to the last slice: the series response, held, will not reach it. The
    // frame comes anyway, by its own request; waiting on the series it would never come.
    expect(scheduler.reprioritize(address(29), RetrievalPriority.visible)).to.equal(true);
    const last = await all[29];
    expect(last?.bytes[0]).to.equal(29);
    expect(frameUrls(server.urls)).to.deep.equal(['/x/studies/1/series/2/instances/3.29/frames/1']);
    server.releaseSeries();
    const frames = await Promise.all(all);
    expect(frames.map((f) => f.bytes[0])).to.deep.equal([...Array(30).keys()]);
    expect(frameUrls(server.urls)).to.have.length(1);
  });

  it('fetches frame by frame what the series response lacked', async () => {
    const server = fakeServer({ instances: 30, omit: [7] });
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
      {
        seriesRetrieval: 'always',
      },
    );
    const frames = await Promise.all(
      [...Array(30).keys()].map((n) =>
        scheduler.request(address(n), { priority: RetrievalPriority.series + n }),
      ),
    );
    expect(frames[7]?.bytes[0]).to.equal(7);
    expect(frameUrls(server.urls)).to.deep.equal(['/x/studies/1/series/2/instances/3.7/frames/1']);
  });

  it('goes frame by frame, for good, when the server refuses the series route', async () => {
    const server = fakeServer({ instances: 30, seriesStatus: 406 });
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
      {
        seriesRetrieval: 'always',
      },
    );
    const ask = (from: number): Promise<unknown> =>
      Promise.all(
        [...Array(30).keys()].map((n) =>
          scheduler.request(
            { ...address(n), seriesInstanceUid: `2.${from}` },
            { priority: RetrievalPriority.series + n },
          ),
        ),
      );
    await ask(1);
    await ask(2);
    expect(seriesUrls(server.urls)).to.deep.equal(['/x/studies/1/series/2.1']);
    expect(frameUrls(server.urls)).to.have.length(60);
  });

  it('leaves a series frame by frame until the link has proven fast (auto)', async () => {
    const server = fakeServer({ instances: 30 });
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
    );
    await Promise.all(
      [...Array(30).keys()].map((n) =>
        scheduler.request(address(n), { priority: RetrievalPriority.series + n }),
      ),
    );
    // 4-byte frames never add up to the meter's minimum sample: no speed known, no series request.
    expect(seriesUrls(server.urls)).to.have.length(0);
    expect(frameUrls(server.urls)).to.have.length(30);
  });
});

describe('LinkMeter', () => {
  it('measures bytes over busy time only, once enough has arrived', () => {
    const meter = new LinkMeter();
    meter.requestStarted(0);
    meter.received(LinkMeter.MIN_BYTES / 2);
    expect(meter.bytesPerSecond(100)).to.equal(undefined);
    meter.received(LinkMeter.MIN_BYTES / 2);
    meter.requestEnded(1000);
    // Idle for 9 s: the rate stays bytes over the one busy second.
    meter.requestStarted(10_000);
    expect(meter.bytesPerSecond(10_000)).to.equal(LinkMeter.MIN_BYTES);
    expect(meter.atLeast(LinkMeter.MIN_BYTES, 10_000)).to.equal(true);
    expect(meter.atLeast(LinkMeter.MIN_BYTES * 2, 10_000)).to.equal(false);
  });
});
