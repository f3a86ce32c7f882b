/**
 * The FrameLoader (src/workers/frame-loader.ts) a viewer provides for DICOMweb
 * data sets: the frame's bytes come from the data set's pixel source (the
 * cache, else the retrieval scheduler at the viewport's priority) and are
 * decoded in the viewer's DecodePool, buffers transferred, never copied.
 *
 * A single-frame JPEG 2000 / HTJ2K image is first shown coarse (`onPreview`,
 * a PreviewFrame: a reduced-resolution decode of the bytes received so far,
 * made in the same pool), then in full.
 */
import type { FrameKey } from '../cache/cache-keys.js';
import type { FrameLoader, FrameLoadOptions } from '../workers/frame-loader.js';
import type { DicomDataset } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { inspectCodestream } from '../codecs/partial-codestream.js';
import { isPreviewFrame, levelsToFit } from '../dicom/preview-frame.js';
import { isTransferSyntaxSupported } from '../dicom/transfer-syntax.js';
import { decodeFrame } from '../workers/decode-frame.js';
import type { DecodePool } from '../workers/decode-pool.js';
import { decodePreview } from '../workers/decode-preview.js';
import { DicomwebPixelDataSource } from './dicomweb-pixel-data-source.js';
import { RetrievalPriority } from './retrieval-request.js';
import type { RenderedPreviews } from './rendered-preview.js';
import {
  ProgressivePreview,
  withFetchedFrame,
  type PreviewDecoder,
} from './progressive-preview.js';
import { Columns, Rows, TransferSyntaxUID } from '../dicom/tags.generated.js';

export interface DicomwebFrameLoaderOptions {
  /** The viewer's pool; without one, `decodeFrame`'s default pool (scripts and tests only). */
  readonly pool?: DecodePool;
  /**
   * Decodes the coarse first image of a progressive frame. Default: a reduced-resolution
   * decode in the pool (`decodePreview`); `false` turns progressive display off.
   */
  readonly previewDecoder?: PreviewDecoder | false;
  /** Bytes of a progressive frame to wait for before the preview decode (default 128 KiB). */
  readonly previewThresholdBytes?: number;
  /**
   * Pixels from which a frame read whole (from the cache) is first shown reduced, from a
   * reduced-resolution decode beside the full one (default 2048²).
   */
  readonly wholePreviewMinPixels?: number;
  /**
   * The viewer's decoded-frame memory (SeriesCache): full frames are kept there and served
   * from there; what it evicts is decoded again from the compressed copy, not refetched.
   */
  readonly decoded?: DecodedFrameMemory;
  /**
   * Server-rendered previews (rendered-preview.ts) for the first frame shown of each series,
   * while its diagnostic frame is fetched from the network; absent: none.
   */
  readonly renderedPreviews?: RenderedPreviews;
}

/** A byte-bounded memory of decoded frames, shared by every viewport of a viewer. */
export interface DecodedFrameMemory {
  getDecoded(key: FrameKey): DecodedFrame | undefined;
  putDecoded(key: FrameKey, frame: DecodedFrame): void;
  /**
   * A decoded copy kept on disk (SeriesCache's posters), or undefined at once when there is
   * none for this frame; resolves to undefined when it cannot be used.
   */
  storedDecoded?(key: FrameKey): Promise<DecodedFrame | undefined> | undefined;
  /** Told of each frame loaded for the screen (priority `visible`), however it was obtained. */
  shown?(key: FrameKey, frame: DecodedFrame): void;
}

/** 128 KiB hold a level-3 preview (1/8 size) of a typical 2–4 MB lossless mammogram. */
const DEFAULT_PREVIEW_THRESHOLD_BYTES = 128 * 1024;

/**
 * The default preview decoder: with a resolution level (a large frame read whole), that
 * reduced decode; nothing when a streamed codestream turned out whole (the full decode follows
 * at once); else the finest reduced resolution the prefix holds.
 */
export function poolPreviewDecoder(pool?: DecodePool): PreviewDecoder {
  return async (request) => {
    const { resolutionLevel } = request;
    if (resolutionLevel === undefined && inspectCodestream(request.bytes, 'preview').complete)
      return undefined;
    return decodePreview(request.dataset, request.bytes, {
      transferSyntaxUid: request.transferSyntaxUid,
      signal: request.signal,
      ...(resolutionLevel === undefined ? {} : { resolutionLevel }),
      ...(pool ? { pool } : {}),
    });
  };
}

/**
 * Frames read whole (from the cache) get a preview from this many pixels up (2048², e.g. a
 * mammogram or a radiograph): below it, the full decode is quick enough on its own.
 */
const WHOLE_PREVIEW_MIN_PIXELS = 2048 * 2048;
/** A whole frame's preview is decoded at the first level at or under this many pixels. */
const WHOLE_PREVIEW_MAX_PIXELS = 1024 * 1024;

/** Levels to drop (each quarters the pixels) for a preview of `pixels` under the cap; 0: none. */
export function wholePreviewLevel(pixels: number, minPixels = WHOLE_PREVIEW_MIN_PIXELS): number {
  if (pixels < minPixels) return 0;
  return Math.max(1, levelsToFit(pixels, WHOLE_PREVIEW_MAX_PIXELS));
}

/**
 * After the next animation frame (the one that draws what just arrived), or 50 ms where
 * animation frames do not come (a hidden tab).
 */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}

export class DicomwebFrameLoader implements FrameLoader {
  readonly #options: DicomwebFrameLoaderOptions;
  readonly #warmed = new Set<string>();
  /** Posters being read for the screen, until drawn: the other frames' reads and decodes wait. */
  readonly #posterReads = new Set<Promise<unknown>>();

  constructor(options: DicomwebFrameLoaderOptions | DecodePool = {}) {
    this.#options = 'decode' in options ? { pool: options } : options;
  }

  get holdsDecodedFrames(): boolean {
    return this.#options.decoded !== undefined;
  }

  async load(
    dataset: DicomDataset,
    frame: number,
    options: FrameLoadOptions,
  ): Promise<DecodedFrame> {
    const memory = this.#options.decoded;
    const source = dataset.pixelData;
    const key =
      memory && source instanceof DicomwebPixelDataSource ? source.frameKey(frame) : undefined;
    if (!memory || !key) return this.#load(dataset, frame, options);
    const shown = options.priority === RetrievalPriority.visible;
    let decoded = memory.getDecoded(key);
    let previewShown = false;
    const stored = decoded ? undefined : memory.storedDecoded?.(key);
    if (stored) {
      if (shown) {
        const drawn = stored.then(nextFrame, nextFrame);
        this.#posterReads.add(drawn);
        void drawn.finally(() => this.#posterReads.delete(drawn));
      }
      decoded = await stored;
      options.signal.throwIfAborted();
      if (decoded && isPreviewFrame(decoded)) {
        // A reduced poster (a large image): shown as a preview while the full frame decodes.
        options.onPreview?.(decoded);
        previewShown = options.onPreview !== undefined;
        decoded = undefined;
      }
    } else if (!decoded && !shown && this.#posterReads.size > 0) {
      // The first image of a reopened series comes from its poster without a decode; the
      // neighbours' reads and decodes would only compete with it for the disk and the main thread.
      await Promise.all(this.#posterReads);
      options.signal.throwIfAborted();
      decoded = memory.getDecoded(key);
    }
    if (!decoded) {
      decoded = await this.#load(dataset, frame, options, previewShown);
      memory.putDecoded(key, decoded);
    }
    if (shown) memory.shown?.(key, decoded);
    return decoded;
  }

  /** `previewShown`: a preview is on screen already (a reduced poster): no other is made. */
  async #load(
    dataset: DicomDataset,
    frame: number,
    options: FrameLoadOptions,
    previewShown = false,
  ): Promise<DecodedFrame> {
    const { pool } = this.#options;
    this.#warm(dataset);
    const previewDecoder =
      this.#options.previewDecoder === false
        ? undefined
        : (this.#options.previewDecoder ?? poolPreviewDecoder(pool));
    const decodeOptions = {
      signal: options.signal,
      priority: options.priority,
      ...(pool ? { pool } : {}),
    };
    const source = dataset.pixelData;
    const { onPreview } = options;
    const rendered =
      options.priority === RetrievalPriority.visible &&
      source instanceof DicomwebPixelDataSource &&
      this.#options.renderedPreviews?.wants(source) === true
        ? this.#options.renderedPreviews
        : undefined;
    const progressive = previewDecoder !== undefined && source?.frameCount === 1;
    if (
      previewShown ||
      !onPreview ||
      !(source instanceof DicomwebPixelDataSource) ||
      (!progressive && !rendered)
    ) {
      const decoded = await decodeFrame(dataset, frame, decodeOptions);
      if (source instanceof DicomwebPixelDataSource) rendered?.shown(source);
      return decoded;
    }
    const thresholdBytes = this.#options.previewThresholdBytes ?? DEFAULT_PREVIEW_THRESHOLD_BYTES;
    // One preview at most on screen before the full frame, the codestream's own first.
    let settled = false;
    let previewed = false;
    const showPreview = (decoded: DecodedFrame): void => {
      if (settled || options.signal.aborted) return;
      previewed = true;
      onPreview(decoded);
    };
    const preview = new ProgressivePreview({
      dataset,
      decoder: progressive ? previewDecoder : () => Promise.resolve(undefined),
      thresholdBytes,
      signal: options.signal,
      onPreview: showPreview,
    });
    const full = { rows: dataset.number(Rows) ?? 0, columns: dataset.number(Columns) ?? 0 };
    try {
      const encoded = await source.frame(frame, {
        signal: options.signal,
        priority: options.priority,
        ...(progressive
          ? { onPartProgress: preview.onPartProgress, previewBytes: thresholdBytes }
          : {}),
        // Only when the frame is not on this device: a stored frame needs no stand-in.
        ...(rendered
          ? {
              onNetwork: () => {
                void rendered
                  .fetch(source, frame, full, options.signal)
                  .then((image) => {
                    if (image && !previewed) showPreview(image);
                  })
                  .catch(() => undefined);
              },
            }
          : {}),
      });
      const pixels = (dataset.number(Rows) ?? 0) * (dataset.number(Columns) ?? 0);
      const level = wholePreviewLevel(pixels, this.#options.wholePreviewMinPixels);
      if (level > 0 && progressive) preview.whole(encoded, level);
      const decoded = await decodeFrame(
        withFetchedFrame(dataset, frame, encoded),
        frame,
        decodeOptions,
      );
      rendered?.shown(source);
      return decoded;
    } finally {
      settled = true;
      preview.settle();
    }
  }

  /**
   * When the metadata names the stored transfer syntax (0002,0010) — static DICOMweb trees
   * do, Orthanc does not — the pool's workers load its codec while the frame is still in
   * flight, instead of after it. Best effort: a failure shows on the decode itself.
   */
  #warm(dataset: DicomDataset): void {
    const { pool } = this.#options;
    const uid = dataset.string(TransferSyntaxUID)?.trim();
    if (!pool || !uid || this.#warmed.has(uid) || !isTransferSyntaxSupported(uid)) return;
    this.#warmed.add(uid);
    pool.warm([uid]).catch(() => undefined);
  }
}
