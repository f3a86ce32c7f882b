/**
 * Streaming reader for multipart/related bodies (RFC 2046 §5.1, PS3.18 8.7.3.3),
 * as WADO-RS returns frames, bulk data and instances.
 *
 * Hand-written rather than a package: the maintained streaming parsers
 * (@remix-run/multipart-parser, meros) only hand out *complete* parts, and
 * progressive JPEG 2000 display needs the bytes of the part still arriving
 * (`onPartProgress`); they are also form-data oriented (size caps of a few MB
 * by default, Content-Disposition naming) and do not tell a cut body from a
 * malformed one with the typed errors the scheduler retries on.
 *
 * Linear time: every incoming byte is scanned once and copied at most twice
 * (once when a small held-back tail is joined to the next chunk, once into the
 * part's own buffer); nothing already read is re-scanned or re-joined —
 * Cornerstone's reader re-copies and re-parses the whole accumulated response on
 * every chunk.
 */
import {
  DicomwebTimeoutError,
  MultipartFormatError,
  ResponseTooLargeError,
  TruncatedResponseError,
  isAbortError,
  type DicomwebOperation,
} from './errors.js';
import { parseContentType } from './content-type.js';

export interface MultipartPart {
  /** Header names lower-cased. */
  readonly headers: ReadonlyMap<string, string>;
  readonly contentType: string | undefined;
  readonly contentLocation: string | undefined;
  /** The part body. Its `buffer` belongs to this part alone (offset 0, exact length): safe to transfer. */
  readonly bytes: Uint8Array;
}

/** The part currently arriving. `bytes()` joins what has come so far: call it sparingly. */
export interface PartialPart {
  readonly headers: ReadonlyMap<string, string>;
  readonly index: number;
  readonly receivedBytes: number;
  bytes(): Uint8Array;
}

export interface MultipartReadOptions {
  /** Limit on one part's header block (default 16 KiB). */
  readonly maxHeaderBytes?: number;
  /**
   * Limit on one part's body (default DEFAULT_MAX_PART_BYTES): past it the read stops with
   * ResponseTooLargeError, holding no more than the limit, however much the server sends.
   */
  readonly maxPartBytes?: number;
  /** Named in ResponseTooLargeError (default 'frames'). */
  readonly operation?: DicomwebOperation;
  /** Called after each network chunk that added body bytes to an incomplete part. */
  readonly onPartProgress?: (part: PartialPart) => void;
}

/** The `boundary` parameter of a multipart Content-Type, or a MultipartFormatError. */
export function multipartBoundary(contentType: string | null): string {
  const parsed = parseContentType(contentType ?? '');
  const boundary = parsed.parameters.get('boundary');
  if (!parsed.mediaType.startsWith('multipart/') || !boundary) {
    throw new MultipartFormatError('Response is not multipart or has no boundary');
  }
  return boundary;
}

/**
 * Default cap on one part: 1 GiB, above the largest single frame or instance a viewer opens
 * (a 1-gigapixel frame is refused by the decode pool anyway), far below what breaks a tab.
 */
export const DEFAULT_MAX_PART_BYTES = 1024 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;
const EMPTY: Uint8Array = new Uint8Array(0);
const headerDecoder = new TextDecoder('latin1');

type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';

/**
 * Yields each part as soon as its closing delimiter has arrived. A body that ends
 * inside a part throws TruncatedResponseError after the complete parts; the
 * partial part is never yielded. Cancelling iteration cancels the body stream.
 */
export async function* readMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  options: MultipartReadOptions = {},
): AsyncGenerator<MultipartPart, void, undefined> {
  const encoder = new TextEncoder();
  const dashBoundary = encoder.encode(`--${boundary}`);
  // The delimiter is CRLF "--" boundary; a bare LF is tolerated (the CR, when
  // present, is stripped from the body) because some servers write LF only.
  const delimiter = encoder.encode(`\n--${boundary}`);
  // Held back from the body until the next chunk shows they are not the start
  // of a delimiter; one more than its length so a preceding CR is held too.
  const holdBack = delimiter.length;
  const maxHeaderBytes = options.maxHeaderBytes ?? 16 * 1024;
  const maxPartBytes = options.maxPartBytes ?? DEFAULT_MAX_PART_BYTES;
  const tooLarge = (): ResponseTooLargeError =>
    new ResponseTooLargeError(options.operation ?? 'frames', 'part', maxPartBytes);

  let state: State = 'preamble';
  let carry = EMPTY;
  let headers = new Map<string, string>();
  let headerBytes = 0;
  let pieces: Uint8Array[] = [];
  let received = 0;
  let completed = 0;
  let sawBoundary = false;
  let closed = false;

  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        // A connection reset mid-body surfaces as a TypeError from the stream: the same
        // fault as a clean early end. Aborts stay aborts.
        if (isAbortError(error)) throw error;
        finished = true;
        // A stall watchdog's own error says more than "truncated": kept as it is.
        if (error instanceof DicomwebTimeoutError) throw error;
        throw new TruncatedResponseError(completed);
      }
      const { done, value } = chunk;
      if (done) break;
      if (value.length === 0) continue;
      const data = carry.length > 0 ? concat([carry, value], carry.length + value.length) : value;
      carry = EMPTY;
      let pos = 0;
      let grew = false;
      scan: while (pos < data.length) {
        switch (state) {
          case 'preamble': {
            const at = indexOf(data, dashBoundary, pos);
            if (at < 0) {
              carry = data.subarray(Math.max(pos, data.length - dashBoundary.length));
              break scan;
            }
            pos = at + dashBoundary.length;
            state = 'after-delimiter';
            sawBoundary = true;
            break;
          }
          case 'after-delimiter': {
            if (data.length - pos < 2) {
              carry = data.subarray(pos);
              break scan;
            }
            if (data[pos] === DASH && data[pos + 1] === DASH) {
              state = 'done';
              closed = true;
              pos = data.length;
              break;
            }
            const lf = data.indexOf(LF, pos);
            if (lf < 0) {
              if (data.length - pos > 1024)
                throw new MultipartFormatError('Malformed boundary line');
              carry = data.subarray(pos);
              break scan;
            }
            // RFC 2046: only transport padding (LWSP) may follow the boundary.
            for (let i = pos; i < lf; i++) {
              const byte = data[i];
              if (byte !== 0x20 && byte !== 0x09 && byte !== CR)
                throw new MultipartFormatError('Malformed boundary line');
            }
            pos = lf + 1;
            state = 'headers';
            headers = new Map();
            headerBytes = 0;
            break;
          }
          case 'headers': {
            const lf = data.indexOf(LF, pos);
            if (lf < 0) {
              if (headerBytes + data.length - pos > maxHeaderBytes)
                throw new MultipartFormatError('Part headers too large');
              carry = data.subarray(pos);
              break scan;
            }
            headerBytes += lf + 1 - pos;
            if (headerBytes > maxHeaderBytes)
              throw new MultipartFormatError('Part headers too large');
            const end = lf > pos && data[lf - 1] === CR ? lf - 1 : lf;
            if (end === pos) {
              state = 'body';
              pieces = [];
              received = 0;
            } else {
              const line = headerDecoder.decode(data.subarray(pos, end));
              const colon = line.indexOf(':');
              if (colon > 0)
                headers.set(
                  line.slice(0, colon).trim().toLowerCase(),
                  line.slice(colon + 1).trim(),
                );
            }
            pos = lf + 1;
            break;
          }
          case 'body': {
            const at = indexOf(data, delimiter, pos);
            if (at < 0) {
              const keep = Math.max(pos, data.length - holdBack);
              if (keep > pos) {
                received += keep - pos;
                if (received > maxPartBytes) throw tooLarge();
                pieces.push(data.subarray(pos, keep));
                grew = true;
              }
              carry = data.subarray(keep);
              break scan;
            }
            const end = at > pos && data[at - 1] === CR ? at - 1 : at;
            if (end > pos) {
              received += end - pos;
              if (received > maxPartBytes) throw tooLarge();
              pieces.push(data.subarray(pos, end));
            }
            const part = toPart(headers, concat(pieces, received));
            pieces = [];
            received = 0;
            grew = false;
            completed++;
            pos = at + delimiter.length;
            state = 'after-delimiter';
            yield part;
            break;
          }
          case 'done':
            // The epilogue after the close delimiter is ignored (RFC 2046).
            pos = data.length;
            break;
        }
      }
      if (grew && state === 'body' && options.onPartProgress) {
        const snapshotPieces = pieces;
        const snapshotLength = received;
        options.onPartProgress({
          headers,
          index: completed,
          receivedBytes: snapshotLength,
          bytes: () => concat(snapshotPieces.slice(), snapshotLength),
        });
      }
      if (state === 'done') break;
    }
    finished = true;
  } finally {
    if (finished) reader.releaseLock();
    else await reader.cancel().catch(() => undefined);
  }
  if (closed) return;
  if (!sawBoundary) throw new MultipartFormatError('No multipart boundary in the response');
  throw new TruncatedResponseError(completed);
}

function toPart(headers: ReadonlyMap<string, string>, bytes: Uint8Array): MultipartPart {
  return {
    headers,
    contentType: headers.get('content-type'),
    contentLocation: headers.get('content-location'),
    bytes,
  };
}

/** The first `length` bytes of `pieces` in a fresh buffer, so results never share an ArrayBuffer. */
export function concat(pieces: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    if (offset + piece.length > length) {
      out.set(piece.subarray(0, length - offset), offset);
      break;
    }
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

/** First index of `needle` in `haystack` at or after `from`; the needle is short (≤ 75 bytes). */
export function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  if (first === undefined) return from;
  const last = haystack.length - needle.length;
  let i = haystack.indexOf(first, from);
  while (i >= 0 && i <= last) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
    i = haystack.indexOf(first, i + 1);
  }
  return -1;
}
