/**
 * Thumbnails for the study browser, drawn in the background once the cells are filled: one small
 * frame per image series (the middle slice of a stack), current study first, then the priors
 * newest first. Frames are asked for in the prefetch band, so they never pass a frame a cell
 * shows; a few at a time; all of it stops when the patient is left. Images larger than
 * `maxPixels` (mammograms, radiographs) are skipped rather than fully decoded for 64 pixels.
 */
import type { FrameLoader } from '../../context/frame-loader.js';
import { jsonNumber } from '../../dicomweb/dicom-json-values.js';
import { RetrievalPriority } from '../../dicomweb/retrieval-scheduler.js';
import { REPORT_MODALITIES, type HistoryStudy } from './patient-history.js';
import type { SeriesRepository } from './series-repository.js';
import { thumbnailCanvas } from './thumbnail-canvas.js';

const ROWS = 0x00280010;
const COLUMNS = 0x00280011;

export interface SeriesThumbnailsOptions {
  readonly repository: SeriesRepository;
  readonly frameLoader: FrameLoader;
  /** Newest first; the current study is taken first. */
  readonly history: readonly HistoryStudy[];
  readonly currentStudyInstanceUid: string | undefined;
  /** Series on screen in a cell: their thumbnails come last, once their loaders are done. */
  readonly shown?: ReadonlySet<string>;
  readonly onThumbnail: (seriesInstanceUid: string, canvas: HTMLCanvasElement) => void;
  /** Thumbnails being fetched or decoded at once (default 2). */
  readonly concurrency?: number;
  /** Rows × Columns above which a series gets no thumbnail (default 1024²). */
  readonly maxPixels?: number;
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
      } catch {
        // A missing thumbnail is not an error the reader needs to see; the series still opens.
      }
    }
  }

  async #draw(study: string, series: string, signal: AbortSignal): Promise<void> {
    const { repository, frameLoader } = this.#options;
    const instances = await repository.metadata(study, series);
    const first = instances[0];
    if (!first || signal.aborted) return;
    const pixels = (jsonNumber(first, ROWS) ?? 0) * (jsonNumber(first, COLUMNS) ?? 0);
    if (pixels === 0 || pixels > (this.#options.maxPixels ?? 1024 * 1024)) return;
    const loader = await repository.loader(study, series, this.#target, RetrievalPriority.prefetch);
    signal.throwIfAborted();
    const slice = loader.slices[Math.floor(loader.slices.length / 2)];
    if (!slice) return;
    const frame = await frameLoader.load(slice.dataset, slice.frameIndex, {
      signal,
      priority: RetrievalPriority.prefetch,
    });
    signal.throwIfAborted();
    this.#options.onThumbnail(series, thumbnailCanvas(frame));
  }
}
