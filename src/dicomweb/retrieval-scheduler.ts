/**
 * Orders, caps, deduplicates, batches and retries WADO-RS frame requests to one
 * server, so the frame on screen never waits behind prefetch.
 *
 * - priority: lower number first (see `RetrievalPriority`), FIFO among equals;
 *   re-prioritising moves a queued frame at once;
 * - at most `maxConcurrentRequests` HTTP requests in flight (default 6, the
 *   HTTP/1.1 per-origin connection count browsers use);
 * - one request per frame ever in flight: callers asking for the same frame share it;
 * - frames of one multi-frame instance are batched into one request
 *   (PS3.18 8.3.5.1.4 frame lists) and handed out part by part as they arrive;
 * - background frames of many single-frame instances of one series, on a link
 *   fast enough that requests rather than bytes bound it, come in one series
 *   request instead (see `series-retrieval.ts`); frames wanted on screen never
 *   wait for it;
 * - large progressive frames: every view's preview before any view's rest (rest-turns.ts);
 * - network errors, 5xx and cut bodies are retried with exponential backoff
 *   (frames already received from a cut response are kept); 4xx are final;
 * - a caller's AbortSignal withdraws its interest; the HTTP request is aborted
 *   once no caller wants any of its frames. `abortScope` aborts a study/series.
 */
import type { EncodedFrame } from '../dicom/dataset.js';
import type { DicomwebClient } from './dicomweb-client.js';
import { DicomwebHttpError, isAbortError, isRetryable } from './errors.js';
import { LinkMeter } from './link-meter.js';
import { retrieveSeriesInstances } from './series-retrieval.js';
import {
  RetrievalPriority,
  frameKey,
  type FrameAddress,
  type RetrievalSchedulerOptions,
  type RetrievalStats,
  type ScheduleOptions,
} from './retrieval-request.js';
import {
  collectBatch,
  isBackground,
  frameRetrieveOptions,
  newEntry,
  nextEntry,
  queueRank,
  rejectWaiters,
  resolveWaiters,
  seriesCandidates,
  seriesKeyOf,
  type Batch,
  type Entry,
  type Waiter,
} from './retrieval-entry.js';
import { previewHooks, RestTurns, type SlotCount } from './rest-turns.js';

export class RetrievalScheduler {
  readonly maxConcurrentRequests: number;
  readonly maxFramesPerRequest: number;
  readonly seriesRetrieval: 'auto' | 'always' | 'off';
  readonly #sweepMinInstances: number;
  readonly #sweepMinBytesPerSecond: number;
  readonly #client: DicomwebClient;
  readonly #meter = new LinkMeter();
  /** Whole-series requests in flight, by study/series. */
  readonly #sweeps = new Map<string, Batch>();
  /** Series whose whole-series request failed: their frames go frame by frame. */
  readonly #noSweep = new Set<string>();
  /** The server refused the series route (4xx): never again on this scheduler. */
  #sweepRefused = false;
  #seriesRequestsStarted = 0;
  readonly #entries = new Map<string, Entry>();
  readonly #queue = new Set<Entry>();
  #inFlight = 0;
  #requestsStarted = 0;
  #sequence = 0;
  #wakeTimer: ReturnType<typeof setTimeout> | undefined;
  #pumpQueued = false;
  /** Progressive frames between their two byte ranges, and the slots they may hold (not the last). */
  readonly #restTurns = new RestTurns();
  readonly #longSlots: number;
  readonly #slots: SlotCount = {
    release: () => {
      this.#inFlight--;
      this.#pump();
    },
    retake: () => this.#inFlight++,
    full: () => this.#inFlight >= this.#longSlots,
  };

  constructor(client: DicomwebClient, options: RetrievalSchedulerOptions = {}) {
    this.#client = client;
    this.maxConcurrentRequests = Math.max(1, options.maxConcurrentRequests ?? 6);
    this.#longSlots = Math.max(1, this.maxConcurrentRequests - 1);
    this.maxFramesPerRequest = Math.max(1, options.maxFramesPerRequest ?? 16);
    this.seriesRetrieval = options.seriesRetrieval ?? 'auto';
    this.#sweepMinInstances = Math.max(2, options.seriesRetrievalMinInstances ?? 24);
    this.#sweepMinBytesPerSecond = options.seriesRetrievalMinBytesPerSecond ?? 8e6;
  }

  get stats(): RetrievalStats {
    return {
      queued: this.#queue.size,
      inFlight: this.#inFlight,
      requestsStarted: this.#requestsStarted,
      seriesRequestsStarted: this.#seriesRequestsStarted,
    };
  }

  /** The frame's stored bytes. Each caller gets its own buffer (safe to transfer to a worker). */
  request(address: FrameAddress, options: ScheduleOptions = {}): Promise<EncodedFrame> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const priority = options.priority ?? RetrievalPriority.series;
    const key = frameKey(address);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = newEntry(key, address, options, priority, this.#sequence++);
      this.#entries.set(key, entry);
      if (!this.#joinSweep(entry)) this.#queue.add(entry);
    } else {
      entry.priority = Math.min(entry.priority, priority);
      if (!entry.onPartProgress) {
        entry.onPartProgress = options.onPartProgress;
        entry.previewBytes = options.previewBytes;
      }
      this.#leaveSweepIfUrgent(entry);
    }
    const target = entry;
    const promise = new Promise<EncodedFrame>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        priority,
        signal,
        onAbort: () => {
          target.waiters.delete(waiter);
          reject(signal?.reason as Error);
          this.#dropIfUnwanted(target);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      target.waiters.add(waiter);
    });
    this.#schedulePump();
    return promise;
  }

  /** Moves a frame already asked for (queued) to `priority`; true if it was waiting. */
  reprioritize(address: FrameAddress, priority: number): boolean {
    const entry = this.#entries.get(frameKey(address));
    if (!entry) return false;
    if (entry.batch?.sweep) {
      entry.priority = priority;
      this.#leaveSweepIfUrgent(entry);
      return !entry.batch;
    }
    if (!this.#queue.has(entry)) return false;
    entry.priority = priority;
    return true;
  }

  /** Rejects with AbortError and cancels every request of a study (or one of its series). */
  abortScope(studyInstanceUid: string, seriesInstanceUid?: string): void {
    const reason = new DOMException('Left the study', 'AbortError');
    for (const entry of [...this.#entries.values()]) {
      const { address } = entry;
      if (address.studyInstanceUid !== studyInstanceUid) continue;
      if (seriesInstanceUid !== undefined && address.seriesInstanceUid !== seriesInstanceUid)
        continue;
      rejectWaiters(entry, reason);
      entry.waiters.clear();
      this.#dropIfUnwanted(entry);
    }
  }

  #dropIfUnwanted(entry: Entry): void {
    if (entry.waiters.size > 0) return;
    this.#entries.delete(entry.key);
    this.#queue.delete(entry);
    const batch = entry.batch;
    if (batch && [...batch.entries.values()].every((e) => e.waiters.size === 0))
      batch.controller.abort();
  }

  /** Deferred to a microtask so frames asked for in one go can share a batched request. */
  #schedulePump(): void {
    if (this.#pumpQueued) return;
    this.#pumpQueued = true;
    queueMicrotask(() => {
      this.#pumpQueued = false;
      this.#pump();
    });
  }

  #pump(): void {
    const now = performance.now();
    while (this.#inFlight < this.maxConcurrentRequests) {
      const { best, wake } = nextEntry(this.#queue, now);
      const longFree = this.#inFlight < this.#longSlots;
      if (longFree && this.#restTurns.admitBefore(best && queueRank(best))) {
        this.#inFlight++;
        this.#requestsStarted++;
        continue;
      }
      if (!best) {
        if (wake < Infinity && this.#wakeTimer === undefined) {
          this.#wakeTimer = setTimeout(() => {
            this.#wakeTimer = undefined;
            this.#pump();
          }, wake - now);
        }
        return;
      }
      if (best.onPartProgress && !longFree) return;
      const sweep = this.#sweepCandidates(best, now);
      if (sweep) this.#startSweep(best.address, sweep);
      else this.#start(collectBatch(this.#queue, best, now, this.maxFramesPerRequest));
    }
  }

  #start(entries: Entry[]): void {
    const batch: Batch = {
      entries: new Map(entries.map((e) => [e.key, e])),
      controller: new AbortController(),
    };
    this.#launch(batch, () => this.#run(batch));
  }

  #launch(batch: Batch, run: () => Promise<void>): void {
    for (const entry of batch.entries.values()) {
      this.#queue.delete(entry);
      entry.batch = batch;
    }
    this.#inFlight++;
    this.#requestsStarted++;
    this.#meter.requestStarted();
    void run().finally(() => {
      if (!batch.yielded) this.#inFlight--; // a stream that gave way gave its slot back at once
      this.#meter.requestEnded();
      this.#pump();
    });
  }

  async #run(batch: Batch): Promise<void> {
    const first = [...batch.entries.values()][0];
    if (!first) return;
    const { address } = first;
    try {
      const numbers = [...batch.entries.values()].map((e) => e.address.frameNumber);
      const frames = this.#client.retrieveFrames(
        address,
        numbers,
        frameRetrieveOptions(
          batch,
          first,
          previewHooks(this.#restTurns, this.#queue, batch, first, this.#slots),
        ),
      );
      for await (const frame of frames) {
        this.#meter.received(frame.bytes.byteLength);
        const key = frameKey({ ...address, frameNumber: frame.frameNumber });
        const entry = batch.entries.get(key);
        if (!entry) continue;
        batch.entries.delete(key);
        this.#deliver(entry, { bytes: frame.bytes, transferSyntaxUid: frame.transferSyntaxUid });
      }
      const missing = new Error('The server omitted a requested frame');
      for (const entry of batch.entries.values()) this.#fail(entry, missing);
    } catch (error) {
      if (batch.yielded) this.#release(batch);
      else this.#requeue(batch, error, first.attempt);
    }
  }

  /** After a failed request: its undelivered frames are retried (one delay for all, so they go together) or fail. */
  #requeue(batch: Batch, error: unknown, attempt: number): void {
    const retryAt = performance.now() + this.#client.transport.backoffDelay(attempt);
    for (const entry of batch.entries.values()) {
      entry.batch = undefined;
      if (entry.waiters.size === 0) continue;
      if (isAbortError(error)) this.#fail(entry, error);
      else if (isRetryable(error) && entry.attempt < this.#client.transport.retryPolicy.retries) {
        entry.notBefore = retryAt;
        entry.attempt++;
        this.#queue.add(entry);
      } else this.#fail(entry, error);
    }
  }

  /** The background frames of `best`'s series worth one whole-series request, or undefined. */
  #sweepCandidates(best: Entry, now: number): Entry[] | undefined {
    // The series route returns stored instances: a lossy client asks frame by frame.
    if (this.seriesRetrieval === 'off' || this.#sweepRefused || this.#client.lossy)
      return undefined;
    if (!isBackground(best) || best.onPartProgress) return undefined;
    const seriesKey = seriesKeyOf(best.address);
    if (this.#sweeps.has(seriesKey) || this.#noSweep.has(seriesKey)) return undefined;
    if (this.seriesRetrieval === 'auto' && !this.#meter.atLeast(this.#sweepMinBytesPerSecond, now))
      return undefined;
    return seriesCandidates(this.#queue, seriesKey, now, this.#sweepMinInstances);
  }

  #startSweep(address: FrameAddress, entries: Entry[]): void {
    const seriesKey = seriesKeyOf(address);
    const batch: Batch = {
      entries: new Map(entries.map((e) => [e.key, e])),
      controller: new AbortController(),
      sweep: { seriesKey, passed: new Set() },
    };
    this.#sweeps.set(seriesKey, batch);
    this.#seriesRequestsStarted++;
    this.#launch(batch, () => this.#runSweep(batch, address));
  }

  async #runSweep(batch: Batch, address: FrameAddress): Promise<void> {
    const passed = batch.sweep?.passed ?? new Set<string>();
    try {
      const instances = retrieveSeriesInstances(this.#client, address, {
        signal: batch.controller.signal,
        fetchPriority: 'low',
      });
      for await (const instance of instances) {
        passed.add(instance.sopInstanceUid);
        for (let index = 0; index < instance.frameCount; index++) {
          const key = frameKey({
            ...address,
            sopInstanceUid: instance.sopInstanceUid,
            frameNumber: index + 1,
          });
          const entry = this.#entries.get(key);
          // Claimed, or still queued (asked for urgently while this ran): the bytes are here now.
          if (!entry || (entry.batch !== batch && !this.#queue.has(entry))) continue;
          const frame = instance.frame(index);
          this.#meter.received(frame.bytes.byteLength);
          batch.entries.delete(key);
          this.#queue.delete(entry);
          this.#deliver(entry, frame);
        }
      }
      // Frames the response lacked (an instance stored since the metadata was read) go frame by frame.
      this.#release(batch);
    } catch (error) {
      if (isAbortError(error)) {
        this.#requeue(batch, error, 0);
        return;
      }
      if (error instanceof DicomwebHttpError && !error.retryable) this.#sweepRefused = true;
      else this.#noSweep.add(seriesKeyOf(address));
      // The frames still owed go frame by frame at once: the series route's fault is not theirs.
      this.#release(batch);
    } finally {
      this.#sweeps.delete(seriesKeyOf(address));
    }
  }

  #release(batch: Batch): void {
    for (const entry of batch.entries.values()) {
      entry.batch = undefined;
      if (entry.waiters.size > 0) this.#queue.add(entry);
    }
    batch.entries.clear();
  }

  /** A background frame asked for while its series is coming whole joins that request, unless its instance has passed. */
  #joinSweep(entry: Entry): boolean {
    if (!isBackground(entry) || entry.onPartProgress) return false;
    const batch = this.#sweeps.get(seriesKeyOf(entry.address));
    if (!batch || batch.sweep?.passed.has(entry.address.sopInstanceUid)) return false;
    batch.entries.set(entry.key, entry);
    entry.batch = batch;
    return true;
  }

  /** A frame now wanted on screen does not wait for the series request to reach it. */
  #leaveSweepIfUrgent(entry: Entry): void {
    const batch = entry.batch;
    if (!batch?.sweep || isBackground(entry)) return;
    batch.entries.delete(entry.key);
    entry.batch = undefined;
    this.#queue.add(entry);
    this.#schedulePump();
  }

  #deliver(entry: Entry, frame: EncodedFrame): void {
    this.#entries.delete(entry.key);
    entry.batch = undefined;
    resolveWaiters(entry, frame);
  }

  #fail(entry: Entry, error: unknown): void {
    this.#entries.delete(entry.key);
    this.#queue.delete(entry);
    entry.batch = undefined;
    rejectWaiters(entry, error);
  }
}
