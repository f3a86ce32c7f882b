/**
 * What a DicomwebClient is configured with and what its calls take and return: request options
 * (abort, Fetch priority), frame retrieval options, the caps on what a server may send.
 */
import type { DicomwebTransportOptions } from './dicomweb-transport.js';
import type { PartialPart } from './multipart-reader.js';

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  /**
   * Told to the browser (Fetch `priority`): 'high' for what is on screen, 'low' for prefetch,
   * thumbnails and priors, so its connection queue agrees with the retrieval scheduler's.
   */
  readonly fetchPriority?: RequestPriority | undefined;
}

export interface FrameRetrieveOptions extends RequestOptions {
  /** Byte length of one uncompressed frame: lets mislabel detection trust native frames of that size. */
  readonly nativeFrameLength?: number;
  readonly onPartProgress?: (part: PartialPart) => void;
  /**
   * With `onPartProgress`, for one large frame (`nativeFrameLength` ≥ the client's
   * `rangeMinFrameBytes`): fetch it as these first bytes, then the rest, with HTTP byte ranges
   * where the server allows (see ranged-frame.ts). Default: the multipart stream only.
   */
  readonly previewBytes?: number;
  /**
   * The syntax to ask this frame in when the client is `lossy` (lossy-request.ts chooses it
   * from the pixel module); without it, or when the server cannot, the stored syntax.
   */
  readonly lossyTransferSyntaxUid?: string | undefined;
  /**
   * Between the two byte ranges: the rest is asked for once this settles (the retrieval
   * scheduler's turn for it, after other frames' previews).
   */
  readonly beforeRest?: () => Promise<void>;
  /**
   * On a multipart stream (no byte ranges), once `previewBytes` of the part are in: the caller
   * may abort the request then (to give the connection to another frame's preview).
   */
  readonly onPreviewBytes?: () => void;
}

/** What the retrieval scheduler gives the client to call once a progressive frame's preview bytes are in. */
export type PreviewHooks = Pick<FrameRetrieveOptions, 'beforeRest' | 'onPreviewBytes'>;

export interface RetrievedFrame {
  /** 1-based, as in the WADO-RS frame list (PS3.18 8.3.5.1.4). */
  readonly frameNumber: number;
  readonly transferSyntaxUid: string;
  readonly bytes: Uint8Array;
}

export interface DicomwebClientOptions extends DicomwebTransportOptions {
  /** The DICOMweb root, e.g. `https://pacs.example/dicom-web` or `/orthanc/dicom-web`. */
  readonly url: string;
  /**
   * Frames asked for in a lossy transfer syntax (JPEG baseline/extended, JPEG-LS near-lossless:
   * lossy-request.ts) for fewer bytes on a thin link, when the use is not diagnostic. Every
   * image decoded from them says so (DecodedFrame.lossy); they are cached under `cacheName`,
   * apart from lossless frames. The whole-series route and byte ranges, which carry stored
   * bytes, are not used. Default false.
   */
  readonly lossy?: boolean;
  /**
   * A response body that delivers no byte for this long is cut and what it still owed asked for
   * again (default 5 s). A floor: on a link whose healthy responses pause longer, the client
   * waits four times the longest pause it has seen, up to 30 s (stall-clock.ts).
   */
  readonly stallTimeoutMs?: number;
  /**
   * Uncompressed size from which a single frame shown progressively is fetched in two byte
   * ranges (default 4 MiB: mammograms and radiographs, not CT slices, for which the extra
   * round trip would cost more than the preview gives).
   */
  readonly rangeMinFrameBytes?: number;
  /**
   * Cap on one multipart part, or a single-part body (a frame, an instance, bulk data):
   * past it the request fails with ResponseTooLargeError (default 1 GiB).
   */
  readonly maxPartBytes?: number;
  /** Cap on a JSON body (QIDO-RS results, metadata): ResponseTooLargeError past it (default 256 MiB). */
  readonly maxJsonBytes?: number;
}

export const DEFAULT_RANGE_MIN_FRAME_BYTES = 4 * 1024 * 1024;
/** Study metadata of a 5,000-image study is ~50 MB of DICOM JSON; five times that is suspicious. */
export const DEFAULT_MAX_JSON_BYTES = 256 * 1024 * 1024;
