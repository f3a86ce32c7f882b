import { expect } from '@open-wc/testing';
import { DicomwebClient } from './dicomweb-client.js';
import { RetrievalScheduler } from './retrieval-scheduler.js';
import { RetrievalPriority } from './retrieval-request.js';
import { waitFor } from '../../test/waits.js';

// Eight large progressive frames on a server that sends frames only as multipart streams (as
// Orthanc does): an in-page endpoint whose every stream sends its part's first 4 KiB at once,
// then holds the rest until the test lets it go. What the scheduler does is thus pinned exactly,
// whatever the machine's load (the same over a real thin link: test/progressive/screening-order).
const FRAME_BYTES = 64 * 1024;
const PREVIEW_BYTES = 2048;

interface Stream {
  readonly sop: string;
  aborted: boolean;
}

function heldMultipartServer(): { fetch: typeof fetch; streams: Stream[]; release: () => void } {
  const streams: Stream[] = [];
  const waiting: (() => void)[] = [];
  let released = false;
  const hook: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const stream: Stream = { sop: /instances\/([\d.]+)\//.exec(url)?.[1] ?? '', aborted: false };
    streams.push(stream);
    const frame = new Uint8Array(FRAME_BYTES).fill(Number(stream.sop.split('.').at(-1)));
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('--B\r\nContent-Type: application/octet-stream\r\n\r\n'));
        controller.enqueue(frame.subarray(0, 4096));
        init?.signal?.addEventListener('abort', () => {
          stream.aborted = true;
          controller.error(new DOMException('aborted', 'AbortError'));
        });
        const rest = (): void => {
          if (stream.aborted) return;
          controller.enqueue(frame.subarray(4096));
          controller.enqueue(encoder.encode('\r\n--B--'));
          controller.close();
        };
        if (released) rest();
        else waiting.push(rest);
      },
    });
    return Promise.resolve(
      new Response(body, {
        headers: {
          'content-type': 'multipart/related; type="application/octet-stream"; boundary=B',
        },
      }),
    );
  };
  return {
    fetch: hook,
    streams,
    release: () => {
      released = true;
      for (const rest of waiting.splice(0)) rest();
    },
  };
}

describe('RetrievalScheduler: eight large progressive frames on a multipart-only server', () => {
  it('a stream past its preview bytes gives way while a view waits for its first bytes; every view gets them before any is complete', async () => {
    const server = heldMultipartServer();
    const scheduler = new RetrievalScheduler(
      new DicomwebClient({ url: '/x', fetch: server.fetch }),
    );
    const firstBytes: number[] = [];
    const done: number[] = [];
    const frames = Array.from({ length: 8 }, (_, view) =>
      scheduler
        .request(
          {
            studyInstanceUid: '1',
            seriesInstanceUid: '2',
            sopInstanceUid: `3.${view + 1}`,
            frameNumber: 1,
          },
          {
            priority: RetrievalPriority.visible + view,
            previewBytes: PREVIEW_BYTES,
            onPartProgress: (part) => {
              if (part.receivedBytes >= PREVIEW_BYTES && !firstBytes.includes(view))
                firstBytes.push(view);
            },
          },
        )
        .then((frame) => {
          done.push(view);
          return frame;
        }),
    );
    // Five streams (the last of the six connections is never held by a large frame); three give
    // way, one for each view still waiting, so all eight have sent their first bytes.
    await waitFor(() => firstBytes.length === 8, 'the first bytes of all eight views');
    expect(done).to.deep.equal([]);
    expect(new Set(server.streams.map((s) => s.sop)).size).to.equal(8);
    expect(server.streams.filter((s) => s.aborted)).to.have.length(3);
    expect(scheduler.stats.inFlight).to.equal(5);
    // Then the rest: the three views that gave way are asked for again, whole.
    server.release();
    const bytes = await Promise.all(frames);
    expect(server.streams).to.have.length(11);
    expect(bytes.map((f) => f.bytes.byteLength)).to.deep.equal(Array(8).fill(FRAME_BYTES));
    expect(bytes.map((f) => f.bytes[FRAME_BYTES - 1])).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    // Every slot given back once the streams have unwound (none counted twice, none lost).
    await waitFor(() => scheduler.stats.inFlight === 0, 'every slot given back');
  });
});
