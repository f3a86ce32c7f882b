// Bounded reads against a server that never stops sending (issue 13, item 6): a multipart
// part and a JSON body stop at their cap, and the endless source is cancelled.
import { expect } from '@open-wc/testing';
import { readBoundedBody } from './bounded-body.js';
import { DicomwebTimeoutError, ResponseTooLargeError } from './errors.js';
import { readMultipart } from './multipart-reader.js';

/** A body that sends `head`, then 64 KiB chunks forever; `pulled` counts the chunks it made. */
function endless(head: string): {
  stream: ReadableStream<Uint8Array>;
  state: { pulled: number; cancelled: boolean };
} {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  let sentHead = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sentHead) {
        sentHead = true;
        controller.enqueue(new TextEncoder().encode(head));
        return;
      }
      state.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('bounded reads', () => {
  it('stops a multipart part that never ends at maxPartBytes and cancels the body', async () => {
    const { stream, state } = endless('--B\r\nContent-Type: application/octet-stream\r\n\r\n');
    const read = async (): Promise<number> => {
      let parts = 0;
      for await (const part of readMultipart(stream, 'B', { maxPartBytes: 1024 * 1024 }))
        parts += part.bytes.length > 0 ? 1 : 0;
      return parts;
    };
    const error = await rejection(read());
    expect(error).to.be.instanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).kind).to.equal('part');
    expect(state.cancelled).to.equal(true);
    // 1 MiB is 16 chunks; the reader stopped right after the one that crossed it.
    expect(state.pulled).to.be.at.most(18);
  });

  it('stops a JSON body that never ends at its cap and cancels it', async () => {
    const { stream, state } = endless('[');
    const response = new Response(stream, { headers: { 'content-type': 'application/json' } });
    const error = await rejection(
      readBoundedBody(response, 'search-studies', 'json', 1024 * 1024, 30_000),
    );
    expect(error).to.be.instanceOf(ResponseTooLargeError);
    expect(state.cancelled).to.equal(true);
    expect(state.pulled).to.be.at.most(18);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const { stream, state } = endless('[');
    const response = new Response(stream, { headers: { 'content-length': String(2 ** 31) } });
    const error = await rejection(readBoundedBody(response, 'metadata', 'json', 1024, 30_000));
    expect(error).to.be.instanceOf(ResponseTooLargeError);
    expect(state.pulled).to.be.at.most(1);
  });

  it('gives up on a body that stops arriving with DicomwebTimeoutError', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('[{"0010'));
        // Nothing more, never closed: a server that hangs mid-body.
      },
    });
    const error = await rejection(
      readBoundedBody(new Response(stream), 'metadata', 'json', 1024, 100),
    );
    expect(error).to.be.instanceOf(DicomwebTimeoutError);
  });
});
