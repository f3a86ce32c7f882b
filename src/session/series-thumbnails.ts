/**
 * Thumbnails for the study browser, drawn in the background once the cells are filled: one small
 * frame per image series (the middle slice of a stack), current study first, then the priors
 * newest first. Frames are asked for in the prefetch band, so they never pass a frame a cell
 * shows; a few at a time; all of it stops when the patient is left. Images larger than
 * `maxPixels` (mammograms, radiographs) are not fully decoded for 64 pixels: a JPEG 2000 /
 * HTJ2K codestream is decoded at a reduced resolution (its wavelet levels, PS3.5 A.4.4),
 * small enough to fit `maxPixels`; other syntaxes get no thumbnail.
 */
import type { FrameLoader } from '../workers/frame-loader.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { DecodeError } from '../dicom/errors.js';
import type { Slice } from '../dicomweb/series-loader.js';
import type { DecodePool } from '../workers/decode-pool.js';
import { decodePreview } from '../workers/decode-preview.js';
import { levelsToFit } from '../dicom/preview-frame.js';
import { jsonNumber } from '../dicomweb/dicom-json-values.js';
import { RetrievalPriority } from '../dicomweb/retrieval-request.js';
import { REPORT_MODALITIES, type HistoryStudy } from './patient-history.js';
import type { SeriesRepository } from './series-repository.js';
import { thumbnailImage, type ThumbnailImage } from './thumbnail-image.js';
import { Columns, Rows } from '../dicom/tags.generated.js';

export interface SeriesThumbnailsOptions {
  readonly repository: SeriesRepository;
  readonly frameLoader: FrameLoader;
  /** Newest first; the current study is taken first. */
  readonly history: readonly HistoryStudy[];
  readonly currentStudyInstanceUid: string | undefined;
  /** Series on screen in a cell: their thumbnails come last, once their loaders are done. */
  readonly shown?: ReadonlySet<string>;
  readonly onThumbnail: (seriesInstanceUid: string, image: ThumbnailImage) => void;
  /** Thumbnails being fetched or decoded at once (default 2). */
  readonly concurrency?: number;
  /** Rows × Columns above which a frame is only decoded at a reduced resolution (default 1024²). */
  readonly maxPixels?: number;
  /** Decodes large JPEG 2000 / HTJ2K frames at a reduced resolution; without it they get no thumbnail. */
  readonly pool?: DecodePool;
}

export class SeriesThumbnails {
  readonly #options: SeriesThumbnailsOptions;
  readonly #controller = new AbortController();
  readonly #queue: { studyInstanceUid: string; seriesInstanceUid: string }[];
  readonly #target = new EventTarget();

  constructor(options: SeriesThumbnailsOptions) {
    this.#options = options;
    const studies = [...options.history].sort(
      (a, b) =>
        Number(b.studyInstanceUid === options.currentStudyInstanceUid) -
        Number(a.studyInstanceUid === options.currentStudyInstanceUid),
    );
    const shown = options.shown ?? new Set<string>();
    const queue = studies.flatMap((study) =>
      study.series
        .filter((series) => !REPORT_MODALITIES.has(series.modality))
        .map((series) => ({
          studyInstanceUid: study.studyInstanceUid,
          seriesInstanceUid: series.seriesInstanceUid,
        })),
    );
    this.#queue = [
      ...queue.filter((item) => !shown.has(item.seriesInstanceUid)),
      ...queue.filter((item) => shown.has(item.seriesInstanceUid)),
    ];
    const signal = AbortSignal.any([this.#controller.signal, options.repository.signal]);
    for (let i = 0; i < (options.concurrency ?? 2); i++) void this.#work(signal);
  }

  stop(): void {
    this.#controller.abort(new DOMException('Thumbnails stopped', 'AbortError'));
  }

  async #work(signal: AbortSignal): Promise<void> {
    for (let next = this.#queue.shift(); next && !signal.aborted; next = this.#queue.shift()) {
      try {
        await this.#draw(next.studyInstanceUid, next.seriesInstanceUid, signal);
      } catch (error) {
        // A missing thumbnail is not an error the reader needs to see; the series still opens.
        // A refusal (401/403) is: the server no longer lets this user see the patient.
        this.#options.repository.refusedInBackground(error);
      }
    }
  }

  async #draw(study: string, series: string, signal: AbortSignal): Promise<void> {
    const { repository, frameLoader } = this.#options;
    const instances = await repository.metadata(study, series, 'low');
    const first = instances[0];
    if (!first || signal.aborted) return;
    const pixels = (jsonNumber(first, Rows) ?? 0) * (jsonNumber(first, Columns) ?? 0);
    if (pixels === 0) return;
    const maxPixels = this.#options.maxPixels ?? 1024 * 1024;
    const { pool } = this.#options;
    if (pixels > maxPixels && !pool) return;
    const loader = await repository.loader(study, series, this.#target, RetrievalPriority.prefetch);
    signal.throwIfAborted();
    const slice = loader.slices[Math.floor(loader.slices.length / 2)];
    if (!slice) return;
    const options = { signal, priority: RetrievalPriority.prefetch };
    const frame =
      pixels > maxPixels && pool
        ? await reducedFrame(slice, pool, levelsToFit(pixels, maxPixels), options)
        : await frameLoader.load(slice.dataset, slice.frameIndex, options);
    signal.throwIfAborted();
    if (frame) this.#options.onThumbnail(series, thumbnailImage(frame));
  }
}

/**
 * The frame decoded `level` wavelet levels down (each halves both sides), or undefined when its
 * syntax is not resolution-scalable or it has fewer levels: a thumbnail is not worth a full decode.
 */
async function reducedFrame(
  slice: Slice,
  pool: DecodePool,
  level: number,
  options: { readonly signal: AbortSignal; readonly priority: number },
): Promise<DecodedFrame | undefined> {
  const encoded = await slice.source.frame(slice.frameIndex, options);
  try {
    return await decodePreview(slice.dataset, encoded.bytes, {
      ...options,
      pool,
      transferSyntaxUid: encoded.transferSyntaxUid,
      resolutionLevel: level,
    });
  } catch (error) {
    // Not JPEG 2000 / HTJ2K, or fewer levels than asked for.
    if (error instanceof DecodeError) return undefined;
    throw error;
  }
}
