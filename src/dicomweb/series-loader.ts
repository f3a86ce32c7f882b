/**
 * Loads a whole series through the scheduler in stack order (the slice in view,
 * then every fourth, then the gaps) and reports progress as events. Knows which
 * slices are in, so a viewport can show the nearest loaded neighbour of a slice
 * still on its way.
 *
 * Slices are frames in display order: instances sorted along the stack normal
 * (PS3.3 C.7.6.2.1.1: position projected on the row × column cross product),
 * falling back to Instance Number; a multi-frame instance contributes its frames.
 */
import type { SeriesStore } from '../cache/series-store.js';
import type { DicomDataset } from '../dicom/dataset.js';
import { DicomParseError } from '../dicom/errors.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import type { DicomwebClient } from './dicomweb-client.js';
import { Tag, jsonString, type DicomJsonObject } from './dicom-json-values.js';
import { sortInstances } from './instance-order.js';
import { DicomwebPixelDataSource, type LoadedFrame } from './dicomweb-pixel-data-source.js';
import { isAbortError } from './errors.js';
import type { RetrievalScheduler } from './retrieval-scheduler.js';
import { RetrievalPriority } from './retrieval-request.js';
import { nearestLoaded, stackOrder } from './stack-order.js';
import { SeriesErrorEvent } from '../events/series-error.js';
import { seriesErrorDetail } from './series-error-detail.js';
import { SeriesLoadedEvent } from '../events/series-loaded.js';
import { SeriesCachedEvent } from '../events/series-cached.js';
import { SeriesProgressEvent } from '../events/series-progress.js';
import { TypedEventTarget } from '../internal/typed-event-target.js';

export interface Slice {
  readonly source: DicomwebPixelDataSource;
  /** 0-based frame inside the instance. */
  readonly frameIndex: number;
  readonly instance: DicomJsonObject;
  /** The instance as a data set whose `pixelData` is `source`. */
  readonly dataset: DicomDataset;
}

export { sortInstances } from './instance-order.js';

export type SeriesLoadState = 'idle' | 'loading' | 'loaded' | 'error' | 'aborted';

export interface SeriesLoaderOptions {
  readonly client: DicomwebClient;
  readonly scheduler: RetrievalScheduler;
  /** Names the server in cache keys (default: the client's `cacheName`, its root URL unless lossy). */
  readonly server?: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** The series' DICOM JSON metadata, one object per instance, any order. */
  readonly instances: readonly DicomJsonObject[];
  readonly store?: SeriesStore | undefined;
  /** Where events are dispatched (default: the loader itself). Events bubble and are composed. */
  readonly eventTarget?: EventTarget;
  /** Band added to the stack rank (default RetrievalPriority.series). */
  readonly priorityBase?: number;
  /**
   * Told the transfer syntaxes of the frames the store holds, as soon as they are known, so the
   * decode workers load those codecs while the first frame is read (DecodePool.warm).
   */
  readonly warm?: (transferSyntaxUids: readonly string[]) => void;
  /**
   * Sources already made for some instances (SeriesOpening's first slice): used instead of new
   * ones, and the frames they delivered count as loaded, so the slice shown first is not fetched twice.
   */
  readonly reuse?: readonly DicomwebPixelDataSource[];
}

/** Frames a series' metadata may declare in all (each gets a slot before any is fetched). */
export const MAX_FRAMES_PER_SERIES = 1 << 18;

/** The events a SeriesLoader dispatches, on itself or on its `eventTarget`. */
export interface SeriesLoaderEventMap {
  'cb-series-progress': SeriesProgressEvent;
  'cb-series-loaded': SeriesLoadedEvent;
  'cb-series-cached': SeriesCachedEvent;
  'cb-series-error': SeriesErrorEvent;
}

export class SeriesLoader extends TypedEventTarget<SeriesLoaderEventMap> {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly slices: readonly Slice[];
  readonly sources: readonly DicomwebPixelDataSource[];
  readonly #scheduler: RetrievalScheduler;
  readonly #store: SeriesStore | undefined;
  readonly #server: string;
  readonly #target: EventTarget;
  readonly #priorityBase: number;
  readonly #warm: ((transferSyntaxUids: readonly string[]) => void) | undefined;
  readonly #loaded: Uint8Array;
  readonly #failed = new Set<number>();
  readonly #unsubscribe: (() => void)[] = [];
  #controller = new AbortController();
  #pending = 0;
  #loadedCount = 0;
  #bytes = 0;
  #networkFrames = 0;
  #startedAt = 0;
  #order: number[] = [];
  #state: SeriesLoadState = 'idle';
  #lastError: Error | undefined;
  #unannounced = false;

  constructor(options: SeriesLoaderOptions) {
    super();
    this.studyInstanceUid = options.studyInstanceUid;
    this.seriesInstanceUid = options.seriesInstanceUid;
    this.#scheduler = options.scheduler;
    this.#store = options.store;
    this.#server = options.server ?? options.client.cacheName;
    this.#target = options.eventTarget ?? this;
    this.#priorityBase = options.priorityBase ?? RetrievalPriority.series;
    this.#warm = options.warm;
    const sorted = sortInstances(options.instances);
    const sources = sorted.map(
      (instance) =>
        options.reuse?.find((s) => s.sopInstanceUid === jsonString(instance, Tag.SOPInstanceUID)) ??
        new DicomwebPixelDataSource({
          scheduler: options.scheduler,
          server: this.#server,
          instance,
          studyInstanceUid: options.studyInstanceUid,
          store: options.store,
        }),
    );
    this.sources = sources;
    const declared = sources.reduce((sum, source) => sum + source.frameCount, 0);
    if (declared > MAX_FRAMES_PER_SERIES)
      throw new DicomParseError(
        `The series declares ${declared} frames, over the limit of ${MAX_FRAMES_PER_SERIES}`,
        0,
      );
    const slices: Slice[] = [];
    const reused: [index: number, bytes: number][] = [];
    const bulkData = (uri: string, o: { readonly signal?: AbortSignal }): Promise<Uint8Array> =>
      options.client.retrieveBulkData(uri, o);
    for (const [i, source] of sources.entries()) {
      const indices: number[] = [];
      const instance = sorted[i] ?? {};
      const dataset = datasetFromDicomJson(instance, { frames: source, bulkData });
      for (let frameIndex = 0; frameIndex < source.frameCount; frameIndex++) {
        indices.push(slices.length);
        slices.push({ source, frameIndex, instance, dataset });
        const delivered = source.deliveredBytes(frameIndex);
        if (delivered !== undefined) reused.push([slices.length - 1, delivered]);
      }
      this.#unsubscribe.push(
        source.onFrame((frameIndex, loaded) => {
          this.#onFrame(indices[frameIndex], loaded);
        }),
      );
    }
    this.slices = slices;
    this.#loaded = new Uint8Array(slices.length);
    for (const [index, bytes] of reused) {
      this.#loaded[index] = 1;
      this.#loadedCount++;
      this.#bytes += bytes;
      this.#networkFrames++;
    }
    this.#unannounced = reused.length > 0;
  }

  get total(): number {
    return this.slices.length;
  }

  get loadedCount(): number {
    return this.#loadedCount;
  }

  get state(): SeriesLoadState {
    return this.#state;
  }

  get error(): Error | undefined {
    return this.#lastError;
  }

  /** The fetch order of the current round (slice indices). */
  get order(): readonly number[] {
    return this.#order;
  }

  isLoaded(index: number): boolean {
    return this.#loaded[index] === 1;
  }

  /** The loaded slice closest to `index` (itself when loaded), or undefined. */
  nearestLoaded(index: number): number | undefined {
    return nearestLoaded(index, (i) => this.#loaded[i] === 1, this.total);
  }

  /** Starts (or restarts after `abort`) loading every slice, `viewIndex` first (default the middle). */
  start(viewIndex = Math.floor(this.total / 2)): void {
    if (this.#state === 'loading') {
      this.focus(viewIndex);
      return;
    }
    if (this.#controller.signal.aborted) this.#controller = new AbortController();
    this.#startedAt = performance.now();
    this.#state = this.#loadedCount === this.total ? 'loaded' : 'loading';
    // Frames reused from the first slice were never announced: a series they complete is now.
    if (this.#unannounced) {
      this.#unannounced = false;
      this.#progressed();
    }
    this.#request(stackOrder(this.total, viewIndex).filter((i) => this.#loaded[i] === 0));
  }

  /** Re-orders what is still queued around `viewIndex` (the user scrolled there). */
  focus(viewIndex: number): void {
    this.#order = stackOrder(this.total, viewIndex);
    for (const [rank, index] of this.#order.entries()) {
      const slice = this.slices[index];
      if (!slice || this.#loaded[index] === 1) continue;
      this.#scheduler.reprioritize(
        { ...slice.source.frameKey(slice.frameIndex), frameNumber: slice.frameIndex + 1 },
        this.#priorityBase + rank,
      );
    }
  }

  /** After an error: asks again for the slices that failed, nearest to `viewIndex` first. */
  retry(viewIndex = Math.floor(this.total / 2)): void {
    const failed = this.#failed;
    if (failed.size === 0) return;
    this.#state = 'loading';
    this.#lastError = undefined;
    this.#request(stackOrder(this.total, viewIndex).filter((i) => failed.has(i)));
    failed.clear();
  }

  /** Leaving the series: every request of this loader is withdrawn (aborted on the wire when nobody else wants it). */
  abort(): void {
    this.#controller.abort(new DOMException('Series loading aborted', 'AbortError'));
    if (this.#state === 'loading') this.#state = 'aborted';
  }

  /** Aborts and stops listening; the loader is not usable afterwards. */
  dispose(): void {
    this.abort();
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }

  #request(indices: number[]): void {
    this.#order = indices;
    this.#pending += indices.length;
    if (indices.length === 0) this.#settleRound();
    const ranked = indices.map((index, rank) => ({ index, rank }));
    const store = this.#store;
    if (!store) {
      for (const slice of ranked) void this.#load(slice.index, slice.rank);
      return;
    }
    // What the store holds is on this device already: it counts as loaded from its record alone
    // (see SeriesStore.inventory) and its bytes are read when a viewport decodes it — not all
    // read here, which would hold the disk and the main thread while the first image waits.
    // The slice in view is asked for first (with the viewport's own read, if any): IndexedDB
    // answers in order, and the listing of hundreds of records would otherwise come before it.
    // The listing does not wait for that slice's payload to be read and checked, though.
    const [view] = indices;
    const first = view === undefined ? undefined : this.slices[view];
    if (first) void first.source.loadFromStore(first.frameIndex).catch(() => undefined);
    void store
      .inventory(this.#seriesKey(), this.#sopInstanceUids())
      .catch(() => [])
      .then((stored) => {
        if (stored.length > 0) this.#warm?.([...new Set(stored.map((f) => f.transferSyntaxUid))]);
        const held = new Map(stored.map((f) => [`${f.sopInstanceUid}/${f.frame}`, f.length]));
        let local = 0;
        let marked = 0;
        for (const slice of ranked) {
          const s = this.slices[slice.index];
          const length = s && held.get(`${s.source.sopInstanceUid}/${s.frameIndex + 1}`);
          if (length === undefined) {
            void this.#load(slice.index, slice.rank);
            continue;
          }
          local++;
          // A viewport may have read it meanwhile: counted once.
          if (this.#loaded[slice.index] === 1) continue;
          this.#loaded[slice.index] = 1;
          this.#loadedCount++;
          this.#bytes += length;
          marked++;
        }
        this.#pending -= local;
        // One progress event for the lot: hundreds in a row would only cost renders.
        if (marked > 0) this.#progressed();
        this.#settleRound();
      });
  }

  async #load(index: number, rank: number): Promise<void> {
    const slice = this.slices[index];
    try {
      if (!slice) return;
      await slice.source.load(slice.frameIndex, {
        priority: this.#priorityBase + rank,
        signal: this.#controller.signal,
      });
    } catch (error) {
      if (isAbortError(error) || this.#loaded[index] === 1) return;
      this.#failed.add(index);
      this.#lastError = error instanceof Error ? error : new Error('Frame retrieval failed');
    } finally {
      this.#pending--;
      this.#settleRound();
    }
  }

  #onFrame(index: number | undefined, loaded: LoadedFrame): void {
    if (index === undefined || this.#loaded[index] === 1) return;
    this.#loaded[index] = 1;
    this.#failed.delete(index);
    this.#loadedCount++;
    this.#bytes += loaded.frame.bytes.byteLength;
    if (!loaded.fromCache) this.#networkFrames++;
    this.#progressed();
  }

  #progressed(): void {
    this.#target.dispatchEvent(
      new SeriesProgressEvent({
        seriesInstanceUid: this.seriesInstanceUid,
        loaded: this.#loadedCount,
        total: this.total,
      }),
    );
    if (this.#loadedCount === this.total) {
      this.#state = 'loaded';
      this.#target.dispatchEvent(
        new SeriesLoadedEvent({
          seriesInstanceUid: this.seriesInstanceUid,
          frames: this.total,
          bytes: this.#bytes,
          fromCache: this.#networkFrames === 0,
          ms: performance.now() - this.#startedAt,
        }),
      );
      this.#reportStored();
    }
  }

  /** `cb-series-cached` once the store has the frames on disk (persistent stores only). */
  #reportStored(): void {
    const store = this.#store;
    if (!store?.whenStored) return;
    const signal = this.#controller.signal;
    void store
      .whenStored(this.#seriesKey(), this.#sopInstanceUids())
      .catch(() => undefined)
      .then((stored) => {
        if (stored === undefined || signal.aborted) return;
        this.#target.dispatchEvent(
          new SeriesCachedEvent({
            seriesInstanceUid: this.seriesInstanceUid,
            frames: this.total,
            stored: Math.min(stored, this.total),
          }),
        );
      });
  }

  #seriesKey(): { server: string; studyInstanceUid: string; seriesInstanceUid: string } {
    return {
      server: this.#server,
      studyInstanceUid: this.studyInstanceUid,
      seriesInstanceUid: this.seriesInstanceUid,
    };
  }

  #sopInstanceUids(): string[] {
    return this.sources.map((source) => source.sopInstanceUid);
  }

  #settleRound(): void {
    if (this.#pending > 0 || this.#state !== 'loading' || this.#failed.size === 0) return;
    this.#state = 'error';
    this.#target.dispatchEvent(
      new SeriesErrorEvent(
        seriesErrorDetail(this.seriesInstanceUid, this.#failed.size, this.#lastError),
      ),
    );
  }
}
