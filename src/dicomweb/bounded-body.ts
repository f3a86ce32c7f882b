import {
  DicomwebTimeoutError,
  ResponseTooLargeError,
  type DicomwebOperation,
  type ResponseLimitKind,
} from './errors.js';

/**
 * A whole response body read with two guards: past `maxBytes` it stops with
 * ResponseTooLargeError (a Content-Length above the cap is refused before reading), and a body
 * with no byte for `stallTimeoutMs` is cancelled with DicomwebTimeoutError. `Response.text()`
 * and `arrayBuffer()` have neither: a hostile or broken server could fill the tab's memory or
 * hold a search open forever.
 */
export async function readBoundedBody(
  response: Response,
  operation: DicomwebOperation,
  kind: ResponseLimitKind,
  maxBytes: number,
  stallTimeoutMs: number,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(operation, kind, maxBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, stallTimeoutMs, operation);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new ResponseTooLargeError(operation, kind, maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
  operation: DicomwebOperation,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new DicomwebTimeoutError(operation, ms));
    }, ms);
  });
  return Promise.race([reader.read(), stalled]).finally(() => {
    clearTimeout(timer);
  });
}
