import { DicomParseError } from './errors.js';

/**
 * Inflates a raw deflate stream (RFC 1951, as PS3.5 §A.5 stores the data set) with the browser's
 * DecompressionStream, refusing to grow past `maxBytes` (a few bytes can inflate to gigabytes).
 */
export async function inflateRaw(compressed: Uint8Array, maxBytes: number, offset: number): Promise<Uint8Array> {
  const stream = new Blob([compressed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new DicomParseError(`Deflated data set inflates past the ${maxBytes}-byte limit`, offset);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof DicomParseError) throw error;
    throw new DicomParseError('Deflated data set is not a valid deflate stream', offset);
  }
  const inflated = new Uint8Array(total);
  let position = 0;
  for (const chunk of chunks) {
    inflated.set(chunk, position);
    position += chunk.byteLength;
  }
  return inflated;
}
