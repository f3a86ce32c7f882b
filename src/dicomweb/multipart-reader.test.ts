import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { readMultipart, multipartBoundary, type MultipartPart } from './multipart-reader.js';
import { MultipartFormatError, TruncatedResponseError } from './errors.js';

const encoder = new TextEncoder();

interface TestPart {
  readonly headers: [string, string][];
  readonly body: Uint8Array;
}

function encode(
  boundary: string,
  parts: readonly TestPart[],
  eol = '\r\n',
  preamble = '',
  epilogue = '',
): Uint8Array {
  const chunks: Uint8Array[] = [encoder.encode(preamble)];
  for (const part of parts) {
    const head = `--${boundary}${eol}${part.headers.map(([k, v]) => `${k}: ${v}${eol}`).join('')}${eol}`;
    chunks.push(encoder.encode(head), part.body, encoder.encode(eol));
  }
  chunks.push(encoder.encode(`--${boundary}--${eol}${epilogue}`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function streamOf(bytes: Uint8Array, cuts: readonly number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((c) => Math.min(bytes.length, Math.max(0, c))))].sort(
    (a, b) => a - b,
  );
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.slice(start, p));
    start = p;
  }
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

async function readAll(
  stream: ReadableStream<Uint8Array>,
  boundary: string,
): Promise<MultipartPart[]> {
  const parts: MultipartPart[] = [];
  for await (const part of readMultipart(stream, boundary)) parts.push(part);
  return parts;
}

// Bodies rich in the bytes that matter to a delimiter search: CR, LF, '-' and boundary fragments.
const boundary = 'b0und4ry';
const bodyArbitrary = fc
  .array(
    fc.oneof(
      fc.constantFrom(...[0x0d, 0x0a, 0x2d].map((b) => Uint8Array.of(b))),
      fc.constant(encoder.encode('\r\n--b0und')),
      fc.constant(encoder.encode('--b0und4r')),
      fc.uint8Array({ maxLength: 40 }),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => {
    const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of pieces) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  });
const partsArbitrary = fc.array(
  fc.record({
    body: bodyArbitrary,
    headers: fc.constant<[string, string][]>([
      ['Content-Type', 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1'],
      ['Content-Location', '/studies/1/series/2/instances/3/frames/1'],
    ]),
  }),
  { minLength: 1, maxLength: 5 },
);

describe('readMultipart', () => {
  it('yields identical parts whatever the chunk boundaries (CRLF and bare LF)', async () => {
    await fc.assert(
      fc.asyncProperty(
        partsArbitrary,
        fc.array(fc.nat(2000)),
        fc.constantFrom('\r\n', '\n'),
        async (parts, cuts, eol) => {
          // With bare-LF delimiters a body ending in CR is ambiguous (the CR reads as the delimiter's).
          fc.pre(eol === '\r\n' || parts.every((p) => p.body[p.body.length - 1] !== 0x0d));
          // RFC 2046 §5.1.1: the delimiter must not occur in a body (the generator can make one).
          fc.pre(
            parts.every(
              (p) => !new TextDecoder('latin1').decode(p.body).includes(`\n--${boundary}`),
            ),
          );
          const bytes = encode(boundary, parts, eol, 'preamble text\r\n', 'epilogue');
          const read = await readAll(streamOf(bytes, cuts), boundary);
          expect(read.length).to.equal(parts.length);
          read.forEach((part, i) => {
            expect([...part.bytes]).to.deep.equal([...(parts[i]?.body ?? [])]);
            expect(part.contentType).to.equal(
              'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1',
            );
            expect(part.contentLocation).to.equal('/studies/1/series/2/instances/3/frames/1');
            expect(part.bytes.byteOffset).to.equal(0);
            expect(part.bytes.buffer.byteLength).to.equal(part.bytes.length);
          });
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it('finds a delimiter split one byte at a time', async () => {
    const parts = [
      { headers: [] as [string, string][], body: encoder.encode('abc\r') },
      { headers: [], body: encoder.encode('') },
    ];
    const bytes = encode(boundary, parts);
    const read = await readAll(streamOf(bytes, [...bytes.keys()]), boundary);
    expect(read.map((p) => new TextDecoder().decode(p.bytes))).to.deep.equal(['abc\r', '']);
  });

  it('accepts transport padding after the boundary and a quoted boundary parameter', async () => {
    const text = '--xyz  \r\nContent-Type: image/jls\r\n\r\nAB\r\n--xyz\t\r\n\r\nC\r\n--xyz--';
    const read = await readAll(
      streamOf(encoder.encode(text), [3, 9]),
      multipartBoundary('multipart/related; type="application/octet-stream"; boundary="xyz"'),
    );
    expect(read.map((p) => new TextDecoder().decode(p.bytes))).to.deep.equal(['AB', 'C']);
    expect(read[0]?.contentType).to.equal('image/jls');
  });

  it('rejects a body cut inside a part with TruncatedResponseError, after yielding only complete parts', async () => {
    await fc.assert(
      fc.asyncProperty(
        partsArbitrary,
        fc.nat(),
        fc.array(fc.nat(2000)),
        async (parts, cutSeed, cuts) => {
          const bytes = encode(boundary, parts);
          // Any cut before the close delimiter is complete loses at least the close.
          const closeStart = bytes.length - `--${boundary}--\r\n`.length;
          const cut = cutSeed % (closeStart + 2);
          const read: MultipartPart[] = [];
          let error: unknown;
          try {
            for await (const part of readMultipart(streamOf(bytes.slice(0, cut), cuts), boundary))
              read.push(part);
          } catch (e) {
            error = e;
          }
          expect(error).to.be.instanceOf(
            cut < `--${boundary}`.length ? MultipartFormatError : TruncatedResponseError,
          );
          read.forEach((part, i) => {
            expect([...part.bytes]).to.deep.equal([...(parts[i]?.body ?? [])]);
          });
          if (error instanceof TruncatedResponseError)
            expect(error.completedParts).to.equal(read.length);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it('hands out each part before the rest of the body has arrived', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const first = encoder.encode(`--${boundary}\r\n\r\nfirst\r\n--${boundary}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(first);
        void gate.then(() => {
          controller.enqueue(encoder.encode('\r\n\r\nsecond\r\n--b0und4ry--'));
          controller.close();
        });
      },
    });
    const iterator = readMultipart(stream, boundary);
    const one = await iterator.next();
    expect(one.done).to.equal(false);
    expect(new TextDecoder().decode(one.value?.bytes)).to.equal('first');
    release();
    const two = await iterator.next();
    expect(new TextDecoder().decode(two.value?.bytes)).to.equal('second');
  });

  it('reports the bytes of the part still arriving', async () => {
    const bytes = encode(boundary, [
      { headers: [['Content-Type', 'image/jp2']], body: new Uint8Array(1000).fill(7) },
    ]);
    const seen: number[] = [];
    const stream = streamOf(bytes, [100, 400, 900]);
    for await (const part of readMultipart(stream, boundary, {
      onPartProgress: (partial) => {
        seen.push(partial.receivedBytes);
        expect(partial.bytes().every((b) => b === 7)).to.equal(true);
        expect(partial.headers.get('content-type')).to.equal('image/jp2');
      },
    })) {
      expect(part.bytes.length).to.equal(1000);
    }
    expect(seen.length).to.be.greaterThan(1);
    expect(seen).to.deep.equal([...seen].sort((a, b) => a - b));
  });

  it('reads a 32 MB part arriving in 4 KB chunks in linear time', async () => {
    const size = 32 * 1024 * 1024;
    const head = encoder.encode(`--${boundary}\r\n\r\n`);
    const tail = encoder.encode(`\r\n--${boundary}--`);
    let sent = 0;
    const chunk = new Uint8Array(4096).fill(0x2d);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent < size) controller.enqueue(chunk.slice());
        else {
          controller.enqueue(tail);
          controller.close();
        }
        sent += chunk.length;
      },
    });
    const started = performance.now();
    const parts = await readAll(stream, boundary);
    const ms = performance.now() - started;
    expect(parts[0]?.bytes.length).to.equal(size);
    // Re-copying the accumulated buffer per chunk would move ~128 GB here.
    expect(ms).to.be.lessThan(5000);
  });

  it('rejects a body with no boundary', async () => {
    let error: unknown;
    try {
      await readAll(streamOf(encoder.encode('<html>error</html>'), []), boundary);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(MultipartFormatError);
    expect(() => multipartBoundary('application/json')).to.throw(MultipartFormatError);
  });
});
