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
 * - network errors, 5xx and cut bodies are retried with exponential backoff
 *   (frames already received from a cut response are kept); 4xx are final;
 * - a caller's AbortSignal withdraws its interest; the HTTP request is aborted
 *   once no caller wants any of its frames. `abortScope` aborts a study/series.
 */
import type { EncodedFrame } from '../dicom/dataset.js';
import type { DicomwebClient } from './dicomweb-client.js';
import type { PartialPart } from './multipart-reader.js';
import { isAbortError, isRetryable } from './errors.js';

/** Priority bands: add a rank (distance, order) within a band. Lower is more urgent. */
export const RetrievalPriority = {
  visible: 0,
  otherViewport: 1_000_000,
  series: 2_000_000,
  prefetch: 3_000_000,
} as const;

export interface FrameAddress {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  /** 1-based (PS3.18 8.3.5.1.4). */
  readonly frameNumber: number;
}

export interface ScheduleOptions {
  readonly priority?: number;
  readonly signal?: AbortSignal | undefined;
  /** Byte size of the frame uncompressed, for mislabel detection. */
  readonly nativeFrameLength?: number | undefined;
  /** Bytes of the frame's part as they arrive (progressive JPEG 2000). Disables batching for this frame. */
  readonly onPartProgress?: ((part: PartialPart) => void) | undefined;
}

export interface RetrievalSchedulerOptions {
  readonly maxConcurrentRequests?: number;
  /** Frames of one instance per request (default 16); 1 disables batching. */
  readonly maxFramesPerRequest?: number;
}

export interface RetrievalStats {
  readonly queued: number;
  readonly inFlight: number;
  /** HTTP frame requests started since creation (retries included). */
  readonly requestsStarted: number;
}

interface Waiter {
  readonly resolve: (frame: EncodedFrame) => void;
  readonly reject: (error: unknown) => void;
  readonly priority: number;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

interface Entry {
  readonly key: string;
  readonly address: FrameAddress;
  readonly waiters: Set<Waiter>;
  readonly nativeFrameLength: number | undefined;
  onPartProgress: ((part: PartialPart) => void) | undefined;
  priority: number;
  sequence: number;
  attempt: number;
  notBefore: number;
  batch: Batch | undefined;
}

interface Batch {
  readonly entries: Map<number, Entry>;
  readonly controller: AbortController;
}

export function frameKey(address: FrameAddress): string {
  return `${address.studyInstanceUid}/${address.seriesInstanceUid}/${address.sopInstanceUid}/${address.frameNumber}`;
}

export class RetrievalScheduler {
  readonly maxConcurrentRequests: number;
  readonly maxFramesPerRequest: number;
  readonly #client: DicomwebClient;
  readonly #entries = new Map<string, Entry>();
  readonly #queue = new Set<Entry>();
  #inFlight = 0;
  #requestsStarted = 0;
  #sequence = 0;
  #wakeTimer: ReturnType<typeof setTimeout> | undefined;
  #pumpQueued = false;

  constructor(client: DicomwebClient, options: RetrievalSchedulerOptions = {}) {
    this.#client = client;
    this.maxConcurrentRequests = Math.max(1, options.maxConcurrentRequests ?? 6);
    this.maxFramesPerRequest = Math.max(1, options.maxFramesPerRequest ?? 16);
  }

  get stats(): RetrievalStats {
    return {
      queued: this.#queue.size,
      inFlight: this.#inFlight,
      requestsStarted: this.#requestsStarted,
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
      entry = {
        key,
        address,
        waiters: new Set(),
        nativeFrameLength: options.nativeFrameLength,
        onPartProgress: options.onPartProgress,
        priority,
        sequence: this.#sequence++,
        attempt: 0,
        notBefore: 0,
        batch: undefined,
      };
      this.#entries.set(key, entry);
      this.#queue.add(entry);
    } else {
      entry.priority = Math.min(entry.priority, priority);
      entry.onPartProgress ??= options.onPartProgress;
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
    if (!entry || !this.#queue.has(entry)) return false;
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
      for (const waiter of entry.waiters) {
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.reject(reason);
      }
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
      let best: Entry | undefined;
      let wake = Infinity;
      for (const entry of this.#queue) {
        if (entry.notBefore > now) {
          wake = Math.min(wake, entry.notBefore);
          continue;
        }
        if (
          !best ||
          entry.priority < best.priority ||
          (entry.priority === best.priority && entry.sequence < best.sequence)
        )
          best = entry;
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
      this.#start(this.#collectBatch(best, now));
    }
  }

  #collectBatch(first: Entry, now: number): Entry[] {
    const batch = [first];
    if (this.maxFramesPerRequest === 1 || first.onPartProgress) return batch;
    const { sopInstanceUid, seriesInstanceUid } = first.address;
    const siblings = [...this.#queue].filter(
      (e) =>
        e !== first &&
        e.notBefore <= now &&
        !e.onPartProgress &&
        e.address.sopInstanceUid === sopInstanceUid &&
        e.address.seriesInstanceUid === seriesInstanceUid,
    );
    siblings.sort((a, b) => a.priority - b.priority || a.sequence - b.sequence);
    batch.push(...siblings.slice(0, this.maxFramesPerRequest - 1));
    // Frame lists in ascending order: servers stream multi-frame instances front to back.
    return batch.sort((a, b) => a.address.frameNumber - b.address.frameNumber);
  }

  #start(entries: Entry[]): void {
    const batch: Batch = {
      entries: new Map(entries.map((e) => [e.address.frameNumber, e])),
      controller: new AbortController(),
    };
    for (const entry of entries) {
      this.#queue.delete(entry);
      entry.batch = batch;
    }
    this.#inFlight++;
    this.#requestsStarted++;
    void this.#run(batch).finally(() => {
      this.#inFlight--;
      this.#pump();
    });
  }

  async #run(batch: Batch): Promise<void> {
    const first = [...batch.entries.values()][0];
    if (!first) return;
    const { address } = first;
    try {
      const urgent = [...batch.entries.values()].some(
        (e) => e.priority < RetrievalPriority.otherViewport,
      );
      const frames = this.#client.retrieveFrames(address, [...batch.entries.keys()], {
        signal: batch.controller.signal,
        fetchPriority: urgent ? 'high' : 'low',
        ...(first.nativeFrameLength === undefined
          ? {}
          : { nativeFrameLength: first.nativeFrameLength }),
        ...(first.onPartProgress ? { onPartProgress: first.onPartProgress } : {}),
      });
      for await (const frame of frames) {
        const entry = batch.entries.get(frame.frameNumber);
        if (!entry) continue;
        batch.entries.delete(frame.frameNumber);
        this.#deliver(entry, { bytes: frame.bytes, transferSyntaxUid: frame.transferSyntaxUid });
      }
      const missing = new Error('The server omitted a requested frame');
      for (const entry of batch.entries.values()) this.#fail(entry, missing);
    } catch (error) {
      // One delay for the whole batch, so its frames are retried together in one request.
      const retryAt = performance.now() + this.#client.transport.backoffDelay(first.attempt);
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
  }

  #deliver(entry: Entry, frame: EncodedFrame): void {
    this.#entries.delete(entry.key);
    entry.batch = undefined;
    let first = true;
    for (const waiter of entry.waiters) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(
        first ? frame : { bytes: frame.bytes.slice(), transferSyntaxUid: frame.transferSyntaxUid },
      );
      first = false;
    }
  }

  #fail(entry: Entry, error: unknown): void {
    this.#entries.delete(entry.key);
    this.#queue.delete(entry);
    entry.batch = undefined;
    for (const waiter of entry.waiters) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(error);
    }
  }
}
