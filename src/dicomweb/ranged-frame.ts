/**
 * One large single frame fetched in two HTTP byte ranges (RFC 9110 §14): the first bytes of
 * a JPEG 2000 / HTJ2K codestream hold its coarse resolution levels, so a reduced-resolution
 * preview can be decoded from them while the rest is asked for. A single frame may be sent
 * as one bare (single-part) body (PS3.18 §8.7.3.5.1), and only a bare body has byte ranges
 * that are the codestream's: in a multipart body they would count the part headers.
 *
 * Servers that refuse the bare form (Orthanc answers 400) get the multipart request instead;
 * servers that ignore `Range` answer 200 with the whole frame, read progressively as it arrives.
 */
import type { DicomwebTransport } from './dicomweb-transport.js';
import {
  DicomwebAuthError,
  DicomwebHttpError,
  ResponseTooLargeError,
  TruncatedResponseError,
  isAbortError,
} from './errors.js';
import { concat, DEFAULT_MAX_PART_BYTES, type PartialPart } from './multipart-reader.js';
import { stallGuard } from './stall-guard.js';

/** Any stored syntax, as one bare body (PS3.18 Table 8.7.3-2, `transfer-syntax=*`). */
export const ACCEPT_BARE_FRAME = 'application/octet-stream; transfer-syntax=*';

export interface RangedFrameOptions {
  /** Bytes asked for first (the preview's share of the codestream). */
  readonly prefixBytes: number;
  readonly signal: AbortSignal | undefined;
  readonly fetchPriority?: RequestPriority | undefined;
  /** Told of the prefix (or of a whole body as it arrives), as the multipart reader does. */
  readonly onPartProgress: (part: PartialPart) => void;
  readonly stallTimeoutMs: number;
  /** Cap on the frame's bytes (ResponseTooLargeError past it); default DEFAULT_MAX_PART_BYTES. */
  readonly maxBytes?: number;
  /** Awaited between the prefix and the request for the rest (the scheduler's turn for it). */
  readonly beforeRest?: (() => Promise<void>) | undefined;
}

export interface RangedFrame {
  readonly bytes: Uint8Array;
  readonly contentType: string | undefined;
}

/** HTTP statuses by which a server says it will not send a frame as a bare body. */
const REFUSED = new Set([400, 406, 415, 416]);

/**
 * The frame's bytes and Content-Type, or undefined when the server does not serve frames
 * as bare bodies (the caller then uses multipart/related, and should not ask again).
 * Throws TruncatedResponseError (retryable) when a body ends short of what it announced.
 */
export async function retrieveRangedFrame(
  transport: DicomwebTransport,
  url: string,
  options: RangedFrameOptions,
): Promise<RangedFrame | undefined> {
  const request = (headers: Record<string, string>): Promise<Response> =>
    transport.request(url, {
      operation: 'frames',
      accept: ACCEPT_BARE_FRAME,
      headers,
      signal: options.signal,
      fetchPriority: options.fetchPriority,
    });
  let first: Response;
  try {
    first = await request({ Range: `bytes=0-${String(options.prefixBytes - 1)}` });
  } catch (error) {
    const refused =
      error instanceof DicomwebHttpError &&
      !(error instanceof DicomwebAuthError) &&
      REFUSED.has(error.status);
    if (refused) return undefined;
    throw error;
  }
  const contentType = first.headers.get('content-type') ?? undefined;
  if (!first.body || contentType?.toLowerCase().startsWith('multipart/')) {
    // Answered as multipart despite the Accept: read on the multipart path instead.
    await first.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const report = (bytes: () => Uint8Array, receivedBytes: number): void => {
    options.onPartProgress({
      headers: new Map([['content-type', contentType ?? '']]),
      index: 0,
      receivedBytes,
      bytes,
    });
  };
  if (first.status !== 206) {
    // Range ignored (RFC 9110 §14.2 allows it): the whole frame, shown as it arrives.
    return { bytes: await readBody(first.body, options, report), contentType };
  }
  const range = contentRange(first.headers.get('content-range'));
  const prefix = await readBody(first.body, options);
  if (range?.start !== 0 || prefix.byteLength !== range.end + 1)
    throw new TruncatedResponseError(0);
  if (range.size !== undefined && prefix.byteLength >= range.size)
    return { bytes: prefix, contentType };
  report(() => prefix, prefix.byteLength);
  await options.beforeRest?.();
  // If-Range (RFC 9110 §13.1.5): were the frame replaced meanwhile, the whole new one comes back.
  const etag = first.headers.get('etag');
  const rest = await request({
    Range: `bytes=${String(prefix.byteLength)}-`,
    ...(etag && !etag.startsWith('W/') ? { 'If-Range': etag } : {}),
  });
  if (!rest.body) throw new TruncatedResponseError(0);
  if (rest.status !== 206) {
    return {
      bytes: await readBody(rest.body, options),
      contentType: rest.headers.get('content-type') ?? contentType,
    };
  }
  const restRange = contentRange(rest.headers.get('content-range'));
  const tail = await readBody(rest.body, options);
  const total = prefix.byteLength + tail.byteLength;
  if (
    restRange?.start !== prefix.byteLength ||
    tail.byteLength !== restRange.end - restRange.start + 1 ||
    (restRange.size !== undefined && total !== restRange.size)
  )
    throw new TruncatedResponseError(0);
  return { bytes: concat([prefix, tail], total), contentType };
}

/** `bytes first-last/size` (RFC 9110 §14.4); size undefined for `*`. */
export function contentRange(
  header: string | null,
): { start: number; end: number; size: number | undefined } | undefined {
  const match = header ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/i.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, start = '', end = '', size = '*'] = match;
  return { start: Number(start), end: Number(end), size: size === '*' ? undefined : Number(size) };
}

/** The whole body; a body that stops arriving or is cut surfaces as a retryable truncation. */
async function readBody(
  body: ReadableStream<Uint8Array>,
  options: RangedFrameOptions,
  report?: (bytes: () => Uint8Array, receivedBytes: number) => void,
): Promise<Uint8Array> {
  const watch = { stalled: false };
  const reader = body
    .pipeThrough(
      stallGuard(options.stallTimeoutMs, () => {
        watch.stalled = true;
        reader.cancel().catch(() => undefined);
      }),
    )
    .getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      const limit = options.maxBytes ?? DEFAULT_MAX_PART_BYTES;
      if (received > limit) throw new ResponseTooLargeError('frames', 'part', limit);
      chunks.push(value);
      const upTo = received;
      report?.(() => concat(chunks, upTo), upTo);
    }
  } catch (error) {
    if (error instanceof ResponseTooLargeError) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    if (isAbortError(error) || options.signal?.aborted) throw error;
    throw new TruncatedResponseError(0);
  }
  if (watch.stalled) throw new TruncatedResponseError(0);
  return concat(chunks, received);
}
