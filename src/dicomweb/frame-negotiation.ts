/**
 * Which transfer syntax a WADO-RS frame request asks for, and what the client has learnt of the
 * server's refusals (PS3.18 8.7.3.5): the stored bytes (`transfer-syntax=*`) by default, a lossy
 * syntax when the host allows it (lossy-request.ts), uncompressed when nothing else is served.
 */
import { DicomwebHttpError } from './errors.js';
import type { DicomwebTransport } from './dicomweb-transport.js';
import { acceptFrameIn } from './lossy-request.js';
import { ACCEPT_ANY_FRAME, ACCEPT_UNCOMPRESSED_FRAME } from './transfer-syntax-negotiation.js';

export interface FrameRequest {
  readonly signal: AbortSignal | undefined;
  readonly fetchPriority: RequestPriority | undefined;
  /** Ask for the frames transcoded to this syntax first (a lossy client). */
  readonly lossyTransferSyntaxUid: string | undefined;
}

export class FrameNegotiation {
  readonly #transport: DicomwebTransport;
  /** Set once the server refused `transfer-syntax=*` (400/406): later frame requests ask for uncompressed directly. */
  #uncompressedOnly = false;
  /** Lossy syntaxes the server refused (400/406): not asked again. */
  readonly #lossyRefused = new Set<string>();

  constructor(transport: DicomwebTransport) {
    this.#transport = transport;
  }

  get uncompressedOnly(): boolean {
    return this.#uncompressedOnly;
  }

  /** The frames response (body unread) in the best syntax the server agrees to. */
  async request(url: string, request: FrameRequest): Promise<Response> {
    const lossy = request.lossyTransferSyntaxUid;
    return (
      (lossy === undefined ? undefined : await this.#lossy(url, lossy, request)) ??
      this.#negotiated(url, request)
    );
  }

  /**
   * The frames transcoded to `transferSyntaxUid`, or undefined when the server cannot (PS3.18
   * 8.7.3.5: 406, or 400 from older servers, remembered; 500 and 501 for this request only:
   * Orthanc 1.10 answers 500 to JPEG baseline for a 12-bit frame).
   */
  async #lossy(
    url: string,
    transferSyntaxUid: string,
    request: FrameRequest,
  ): Promise<Response | undefined> {
    if (this.#lossyRefused.has(transferSyntaxUid)) return undefined;
    try {
      return await this.#transport.request(url, {
        operation: 'frames',
        accept: acceptFrameIn(transferSyntaxUid),
        signal: request.signal,
        fetchPriority: request.fetchPriority,
      });
    } catch (error) {
      if (
        !(error instanceof DicomwebHttpError) ||
        ![400, 406, 415, 500, 501].includes(error.status)
      )
        throw error;
      if (error.status === 400 || error.status === 406) this.#lossyRefused.add(transferSyntaxUid);
      return undefined;
    }
  }

  async #negotiated(url: string, request: FrameRequest): Promise<Response> {
    const { signal, fetchPriority } = request;
    if (!this.#uncompressedOnly) {
      try {
        return await this.#transport.request(url, {
          operation: 'frames',
          accept: ACCEPT_ANY_FRAME,
          signal,
          fetchPriority,
        });
      } catch (error) {
        // PS3.18 8.7.3.5: 406 (or 400 from older servers) when the syntax cannot be supplied.
        if (!(error instanceof DicomwebHttpError) || ![400, 406, 500].includes(error.status))
          throw error;
        // 500 only for this request: Orthanc 1.10 fails `transfer-syntax=*` for HTJ2K
        // frames (500) yet serves them, mislabelled, to a plain request.
        if (error.status !== 500) this.#uncompressedOnly = true;
      }
    }
    return this.#transport.request(url, {
      operation: 'frames',
      accept: ACCEPT_UNCOMPRESSED_FRAME,
      signal,
      fetchPriority,
    });
  }
}
