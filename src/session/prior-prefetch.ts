/**
 * Prefetches the patient's other studies into the cache while the reader looks at the current
 * one: lowest retrieval priority (the scheduler serves every visible frame first), newest study
 * first, until a byte budget is spent. Disposing (the patient changed, the viewer left) aborts.
 */
import { RetrievalPriority } from '../dicomweb/retrieval-request.js';
import type { SeriesLoader } from '../dicomweb/series-loader.js';
import { REPORT_MODALITIES, type HistoryStudy } from './patient-history.js';
import type { SeriesRepository } from './series-repository.js';

export interface PrefetchProgress {
  readonly loaded: number;
  readonly total: number;
}

export interface PriorPrefetchOptions {
  readonly repository: SeriesRepository;
  /** Other studies of the patient, newest first. */
  readonly studies: readonly HistoryStudy[];
  /** Compressed bytes to fetch at most (default 256 MiB). */
  readonly byteBudget?: number;
  readonly onProgress: (studyInstanceUid: string, progress: PrefetchProgress) => void;
}

export const DEFAULT_PREFETCH_BUDGET = 256 * 1024 * 1024;

export class PriorPrefetch {
  readonly #options: PriorPrefetchOptions;
  readonly #target = new EventTarget();
  #bytes = 0;
  #stopped = false;
  #current: SeriesLoader | undefined;
  readonly done: Promise<void>;

  constructor(options: PriorPrefetchOptions) {
    this.#options = options;
    this.done = this.#run().catch((error: unknown) => {
      options.repository.refusedInBackground(error);
    });
  }

  get bytes(): number {
    return this.#bytes;
  }

  stop(): void {
    this.#stopped = true;
    this.#current?.dispose();
  }

  async #run(): Promise<void> {
    const budget = this.#options.byteBudget ?? DEFAULT_PREFETCH_BUDGET;
    for (const study of this.#options.studies) {
      const series = study.series.filter((item) => !REPORT_MODALITIES.has(item.modality));
      const loaders: SeriesLoader[] = [];
      for (const item of series) {
        if (this.#stopped) return;
        loaders.push(
          await this.#options.repository.loader(
            study.studyInstanceUid,
            item.seriesInstanceUid,
            this.#target,
            RetrievalPriority.prefetch,
          ),
        );
      }
      const total = loaders.reduce((sum, loader) => sum + loader.total, 0);
      const report = (): void => {
        const loaded = loaders.reduce((sum, loader) => sum + loader.loadedCount, 0);
        this.#options.onProgress(study.studyInstanceUid, { loaded, total });
      };
      report();
      for (const loader of loaders) {
        if (this.#stopped || this.#bytes >= budget) return;
        this.#current = loader;
        await this.#load(loader, budget, report);
      }
    }
  }

  /** Loads one series; resolves when it is complete, failed, or the budget ran out. */
  #load(loader: SeriesLoader, budget: number, report: () => void): Promise<void> {
    return new Promise((resolve) => {
      const unsubscribe = loader.sources.map((source) =>
        source.onFrame((_index, loaded) => {
          if (!loaded.fromCache) this.#bytes += loaded.frame.bytes.byteLength;
          report();
          if (loader.loadedCount >= loader.total) finish();
          else if (this.#bytes >= budget || this.#stopped) {
            loader.abort();
            finish();
          }
        }),
      );
      const poll = setInterval(() => {
        // A prefetch loader reports to no one: its refusal (401/403) goes to the session here.
        if (loader.state === 'error') this.#options.repository.refusedInBackground(loader.error);
        if (this.#stopped || loader.state === 'error' || loader.state === 'aborted') finish();
      }, 250);
      const finish = (): void => {
        clearInterval(poll);
        for (const stop of unsubscribe) stop();
        resolve();
      };
      if (loader.loadedCount >= loader.total) {
        finish();
        return;
      }
      loader.start(0);
    });
  }
}
