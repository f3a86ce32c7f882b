/**
 * Something to look at at once on a thin link: the server renders the frame on screen small
 * (WADO-RS Retrieve Rendered Frames, PS3.18 10.4.1.1.3, `viewport` 8.3.5.1.3: a 256-pixel JPEG
 * of ~10–30 KB instead of a 200 KB–30 MB diagnostic frame), and it is drawn, labelled as a
 * preview, until the diagnostic pixels replace it.
 *
 * What keeps it from being taken for the image:
 * - it is a PreviewFrame (quality 'preview' on screen and in `cb-image-rendered`), never
 *   handed to the decoded-frame memory or the IndexedDB store, which only see diagnostic frames;
 * - it holds display-ready RGB (the server applied its own window), so no VOI of the data set
 *   is applied to it, and it is dropped if it arrives after the diagnostic frame;
 * - only the first frame shown of each series gets one: once a diagnostic frame of the series
 *   is on screen, scrolling never fetches another.
 *
 * A server that answers a 4xx (404 without /rendered, 406 for the media type) or a non-image
 * body once is not asked again by this instance.
 */
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { PreviewFrame } from '../dicom/preview-frame.js';
import { readBoundedBody } from './bounded-body.js';
import type { DicomwebClient } from './dicomweb-client.js';
import type { DicomwebPixelDataSource } from './dicomweb-pixel-data-source.js';
import { DicomwebHttpError, isAbortError } from './errors.js';

export interface RenderedPreviewOptions {
  readonly client: DicomwebClient;
  /** Longest side asked of the server, in pixels (default 256). */
  readonly size?: number;
  /** A larger answer is refused unread (default 256 KiB). */
  readonly maxBytes?: number;
}

const DEFAULT_SIZE = 256;
const DEFAULT_MAX_BYTES = 256 * 1024;

export class RenderedPreviews {
  /** False once the server showed it has no rendered frames (or the host turned them off). */
  enabled = true;
  readonly #client: DicomwebClient;
  readonly #size: number;
  readonly #maxBytes: number;
  /** Series with a diagnostic frame on screen already: no preview is fetched for them again. */
  readonly #seriesShown = new Set<string>();

  constructor(options: RenderedPreviewOptions) {
    this.#client = options.client;
    this.#size = Math.max(16, Math.floor(options.size ?? DEFAULT_SIZE));
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** Whether frame `frameIndex` of `source` would get a preview now. */
  wants(source: DicomwebPixelDataSource): boolean {
    return (
      this.enabled &&
      source.studyInstanceUid !== '' &&
      !this.#seriesShown.has(`${source.studyInstanceUid}/${source.seriesInstanceUid}`)
    );
  }

  /** A diagnostic frame of the source's series is on screen. */
  shown(source: DicomwebPixelDataSource): void {
    this.#seriesShown.add(`${source.studyInstanceUid}/${source.seriesInstanceUid}`);
  }

  /**
   * The server's rendering of frame `frameIndex` (0-based), as a preview over `rows` ×
   * `columns`; undefined when the server offers none (then it is not asked again) or the
   * request failed otherwise.
   */
  async fetch(
    source: DicomwebPixelDataSource,
    frameIndex: number,
    full: { readonly rows: number; readonly columns: number },
    signal: AbortSignal,
  ): Promise<PreviewFrame | undefined> {
    if (!this.wants(source) || full.rows < 1 || full.columns < 1) return undefined;
    // Never larger than the frame: Orthanc scales a small image up to the viewport asked for.
    const width = Math.min(this.#size, full.columns);
    const height = Math.min(this.#size, full.rows);
    const url = `${this.#client.instanceUrl(
      source.studyInstanceUid,
      source.seriesInstanceUid,
      source.sopInstanceUid,
    )}/frames/${String(frameIndex + 1)}/rendered?viewport=${String(width)},${String(height)}`;
    try {
      const response = await this.#client.transport.request(url, {
        operation: 'rendered',
        // PS3.18 8.7.4: every origin server renders image/jpeg, the smallest; one media type
        // only, since Orthanc 1.10 answers 400 to a list.
        accept: 'image/jpeg',
        signal,
        fetchPriority: 'high',
      });
      const type = response.headers.get('content-type') ?? '';
      if (!/^image\/(jpeg|png|gif)/i.test(type)) {
        await response.body?.cancel().catch(() => undefined);
        this.enabled = false;
        return undefined;
      }
      const bytes = await readBoundedBody(
        response,
        'rendered',
        'body',
        this.#maxBytes,
        this.#client.stallTimeoutMs,
      );
      return await previewFromImage(new Blob([new Uint8Array(bytes)], { type }), full);
    } catch (error) {
      if (isAbortError(error)) throw error;
      if (error instanceof DicomwebHttpError && error.status >= 400 && error.status < 500)
        this.enabled = false;
      // No preview is no error: the diagnostic frame follows.
      return undefined;
    }
  }
}

/** Decodes a rendered image into interleaved 8-bit RGB, stretched over the full frame's size. */
async function previewFromImage(
  blob: Blob,
  full: { readonly rows: number; readonly columns: number },
): Promise<PreviewFrame | undefined> {
  const bitmap = await createImageBitmap(blob);
  try {
    const { width, height } = bitmap;
    if (width < 1 || height < 1) return undefined;
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    context.drawImage(bitmap, 0, 0);
    const rgba = context.getImageData(0, 0, width, height).data;
    const pixels = new Uint8Array(width * height * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      pixels[j] = rgba[i] ?? 0;
      pixels[j + 1] = rgba[i + 1] ?? 0;
      pixels[j + 2] = rgba[i + 2] ?? 0;
    }
    const scale = Math.max(full.columns / width, full.rows / height);
    const frame: DecodedFrame = {
      rows: height,
      columns: width,
      samplesPerPixel: 3,
      bitsStored: 8,
      signed: false,
      photometricInterpretation: 'RGB',
      pixels,
      // Asked as image/jpeg (PS3.18 8.3.5.1.1.1): a server-rendered picture is lossy JPEG, so it
      // carries the lossy mark as well as the preview's.
      lossy: true,
    };
    return {
      ...frame,
      resolutionLevel: Math.max(0, Math.round(Math.log2(scale))),
      scale,
      fullRows: full.rows,
      fullColumns: full.columns,
      partial: false,
    };
  } finally {
    bitmap.close();
  }
}
