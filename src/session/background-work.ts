/**
 * What a session does behind the first image: thumbnails for the study browser, then the
 * prefetch of the patient's other studies into the cache within a byte budget. Started once the
 * cells have asked for their frames (so neither passes a frame on screen); the budget can change
 * while it runs (`prefetchBudget` set after the viewer connected).
 */
import type { ViewerServices } from '../context/viewer-services.js';
import type { HistoryStudy } from './patient-history.js';
import { PriorPrefetch, type PrefetchProgress } from './prior-prefetch.js';
import type { SeriesRepository } from './series-repository.js';
import { SeriesThumbnails } from './series-thumbnails.js';
import type { ThumbnailImage } from './thumbnail-image.js';

export interface BackgroundWorkOptions {
  readonly services: ViewerServices;
  readonly repository: SeriesRepository;
  readonly history: readonly HistoryStudy[];
  readonly current: HistoryStudy;
  /** Series shown in a cell: their thumbnails come last. */
  readonly shown: ReadonlySet<string>;
  readonly onThumbnail: (seriesInstanceUid: string, image: ThumbnailImage) => void;
  readonly onPrefetchProgress: (studyInstanceUid: string, progress: PrefetchProgress) => void;
}

export class BackgroundWork {
  readonly #options: BackgroundWorkOptions;
  readonly #thumbnails: SeriesThumbnails;
  #prefetch: PriorPrefetch | undefined;
  /** Bytes fetched by prefetches stopped for a budget change: they count against the new one. */
  #spent = 0;
  #stopped = false;

  constructor(options: BackgroundWorkOptions, prefetchBytes: number) {
    this.#options = options;
    this.#thumbnails = new SeriesThumbnails({
      repository: options.repository,
      frameLoader: options.services.frameLoader,
      pool: options.services.pool,
      history: options.history,
      currentStudyInstanceUid: options.current.studyInstanceUid,
      shown: options.shown,
      onThumbnail: options.onThumbnail,
    });
    this.#startPrefetch(prefetchBytes);
  }

  /** A new budget: the prefetch stops, and goes on if the new budget is not yet spent. */
  setPrefetchBudget(bytes: number): void {
    if (this.#stopped) return;
    this.#spent += this.#prefetch?.bytes ?? 0;
    this.#prefetch?.stop();
    this.#prefetch = undefined;
    this.#startPrefetch(bytes - this.#spent);
  }

  stop(): void {
    this.#stopped = true;
    this.#prefetch?.stop();
    this.#thumbnails.stop();
  }

  #startPrefetch(byteBudget: number): void {
    const { services, repository, history, current, onPrefetchProgress } = this.#options;
    // Prefetching into no cache would fetch for nothing; 0 (or a spent budget) turns it off.
    if (services.cache.mode === 'none' || !(byteBudget > 0)) return;
    this.#prefetch = new PriorPrefetch({
      repository,
      byteBudget,
      studies: history.filter((study) => study.studyInstanceUid !== current.studyInstanceUid),
      onProgress: onPrefetchProgress,
    });
  }
}
