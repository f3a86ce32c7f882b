import { DicomParseError } from './errors.js';

/** Bytes fed one at a time at the end of the stream, to keep output that precedes trailing junk. */
const DRIBBLED_TAIL = 512;
/**
 * Compressed bytes per write. Deflate expands at most ~1032:1 (RFC 1951 §3.2.5: a 258-byte
 * match in a 1-bit code), so one slice yields at most ~16 MiB before the size cap is checked.
 */
const SLICE_BYTES = 16 * 1024;

/** Default cap on a deflated data set's inflated size: 512 MiB, far above any real image. */
export const DEFAULT_MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/**
 * Inflates a raw deflate stream (RFC 1951, as PS3.5 §A.5 stores the data set) with the browser's
 * DecompressionStream, refusing to grow past `maxBytes` (a few bytes can inflate to gigabytes).
 * The input goes to the decompressor in slices, each after the output of the one before has
 * been counted: given the whole buffer in one write, DecompressionStream inflates all of it
 * before the first output chunk can be read (a 4 MB bomb grew memory by ~4 GB).
 *
 * Writers often leave bytes after the end of the deflate stream (a pad byte for even length;
 * pydicom's image_dfl.dcm has 8). zlib ignores them; Chromium's DecompressionStream errors and
 * drops the output of the chunk that held them. So when the inflate fails, the stream's
 * tail is fed again byte by byte with a read always pending, which keeps every byte inflated before
 * the junk. What comes out is then checked by the data set reader like any other bytes, so a
 * truncated stream still fails there with DicomParseError.
 */
export async function inflateRaw(
  compressed: Uint8Array,
  maxBytes: number,
  offset: number,
): Promise<Uint8Array> {
  const whole = await inflate(compressed, maxBytes, offset, false);
  if (whole.complete) return whole.bytes;
  const dribbled = await inflate(compressed, maxBytes, offset, true);
  if (dribbled.bytes.byteLength === 0)
    throw new DicomParseError('Deflated data set is not a valid deflate stream', offset);
  return dribbled.bytes;
}

async function inflate(
  compressed: Uint8Array,
  maxBytes: number,
  offset: number,
  dribbleTail: boolean,
): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let fed = 0;
  const cap = { reached: false };
  const pump = (async (): Promise<'complete' | 'failed' | 'too large'> => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'complete';
        total += value.byteLength;
        if (total > maxBytes) {
          cap.reached = true;
          chunks.length = 0;
          await reader.cancel();
          return 'too large';
        }
        chunks.push(value);
      }
    } catch {
      return 'failed';
    }
  })();
  const feed = (async (): Promise<void> => {
    try {
      const bulkEnd = dribbleTail
        ? Math.max(0, compressed.byteLength - DRIBBLED_TAIL)
        : compressed.byteLength;
      for (let at = 0; at < compressed.byteLength && !cap.reached;) {
        const end = at < bulkEnd ? Math.min(bulkEnd, at + SLICE_BYTES) : at + 1;
        await writer.write(compressed.slice(at, end));
        fed = end;
        at = end;
        // Lets the pending read count this slice's output (and stop) before the next write.
        await nextTask();
      }
      if (!cap.reached) await writer.close();
    } catch {
      // The readable side reports the failure.
    }
  })();
  const [outcome] = await Promise.all([pump, feed]);
  if (outcome === 'too large')
    throw new DicomParseError(
      `Deflated data set inflates past the ${maxBytes}-byte limit (stopped after ${fed} of ${compressed.byteLength} compressed bytes)`,
      offset,
    );
  const bytes = new Uint8Array(total);
  let position = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, position);
    position += chunk.byteLength;
  }
  return { bytes, complete: outcome === 'complete' };
}

/** Lets the pending read take the previous write's output before the next write (no 4 ms timer clamp). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
