import * as Comlink from 'comlink';
import { DEFAULT_MAX_PIXELS_PER_FRAME } from '../codecs/pixel-module.js';
import { isPreviewFrame, type PreviewFrame } from '../dicom/preview-frame.js';
import {
  assertTransferSyntaxSupported,
  isTransferSyntaxSupported,
  normalizeUid,
} from '../dicom/transfer-syntax.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { DecodeError } from '../dicom/errors.js';
import { deserializeDecodeError } from './decode-errors.js';
import type { DecodeOutcome, DecodeWorkerApi } from './decode-protocol.js';
import { whenIdle } from '../internal/when-idle.js';
import { startDecodeWorker } from './start-decode-worker.js';
import {
  abortReason,
  type DecodeRequest,
  type Slot,
  type Task,
  type TimedDecodedFrame,
} from './decode-pool-task.js';

export type { DecodeRequest, TimedDecodedFrame } from './decode-pool-task.js';
import { expectedTransferSyntaxes } from './worker-options.js';

export interface DecodePoolOptions {
  /** Number of workers; default `navigator.hardwareConcurrency` clamped to 1…8. Workers start lazily. */
  readonly size?: number;
  /** A task still running after this long kills its worker (default 30 s). */
  readonly taskTimeoutMs?: number;
  /** Frames with more pixels are rejected with ImageTooLargeError before decoding (default 2^28). */
  readonly maxPixelsPerFrame?: number;
  /**
   * Makes a worker; the default is the module decode worker, as `configureWorkers` says.
   * Tests substitute faulty workers.
   */
  readonly createWorker?: () => Worker;
}

export interface DecodeTaskOptions {
  readonly signal?: AbortSignal;
  /** Lower is more urgent; 0 = the frame on screen. Equal priorities run first in, first out. */
  readonly priority?: number;
}

export interface PreviewTaskOptions extends DecodeTaskOptions {
  /**
   * Wavelet decomposition levels to drop (1 = half size each way). Default: the finest level
   * whose share of the codestream has probably arrived (about 4^-level of its bytes).
   */
  readonly resolutionLevel?: number;
}

const DEFAULT_TASK_TIMEOUT_MS = 30_000;
/** Longest a speculative warm-up waits for the page to be idle. */
const WARM_IDLE_TIMEOUT_MS = 500;

/**
 * A pool of module workers that decode frames. Each viewer owns its pool (no global
 * singleton); `dispose()` terminates every worker. A worker that crashes (an `error` event,
 * which carries no message for module workers) or overruns the watchdog is terminated and
 * replaced; only the task it was running rejects, with DecodeError. A worker whose decoder
 * faulted (DecoderFaultError: a WebAssembly trap or abort) is replaced after its task rejects.
 */
export class DecodePool {
  readonly size: number;
  readonly maxPixelsPerFrame: number;
  private readonly taskTimeoutMs: number;
  private readonly createWorker: () => Worker;
  private readonly slots: Slot[] = [];
  private queue: Task[] = [];
  private sequence = 0;
  private disposed = false;
  private prepared = false;
  /** Transfer syntaxes whose codec every started worker was asked to load (`spread`). */
  private readonly spreadUids = new Set<string>();
  /** Workers replaced after a crash or timeout, for diagnostics and tests. */
  replacedWorkers = 0;

  constructor(options: DecodePoolOptions = {}) {
    const cores = typeof navigator === 'undefined' ? 4 : navigator.hardwareConcurrency || 4;
    this.size = Math.max(1, Math.floor(options.size ?? Math.min(cores, 8)));
    this.taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    this.maxPixelsPerFrame = options.maxPixelsPerFrame ?? DEFAULT_MAX_PIXELS_PER_FRAME;
    this.createWorker = options.createWorker ?? startDecodeWorker;
  }

  /** Number of workers started so far. */
  get workerCount(): number {
    return this.slots.length;
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  decode(request: DecodeRequest, options: DecodeTaskOptions = {}): Promise<DecodedFrame> {
    return this.decodeTimed(request, options).then((result) => result.frame);
  }

  decodeTimed(request: DecodeRequest, options: DecodeTaskOptions = {}): Promise<TimedDecodedFrame> {
    return this.submit(request, undefined, options);
  }

  /**
   * Decodes a JPEG 2000 / HTJ2K codestream at a reduced resolution; `request.bytes` may be any
   * prefix of it (a frame still arriving). Rejects with DecodeError when too little has
   * arrived or the transfer syntax is not resolution-scalable. Queued like `decode`.
   */
  decodePreview(request: DecodeRequest, options: PreviewTaskOptions = {}): Promise<PreviewFrame> {
    const preview =
      options.resolutionLevel === undefined ? {} : { resolutionLevel: options.resolutionLevel };
    return this.submit(request, preview, options).then(({ frame }) => {
      if (!isPreviewFrame(frame)) throw new DecodeError('The decode worker returned no preview');
      return frame;
    });
  }

  /**
   * Starts every worker and has each load and compile the codecs of these transfer syntaxes,
   * so the first frame does not wait for a codec download behind its own request. Resolves
   * when all workers are ready; rejects with UnsupportedTransferSyntaxError for video or
   * unknown UIDs, or DecodeError when a codec cannot be loaded. Decodes may be queued meanwhile;
   * a worker terminated meanwhile (disposal, crash) is not waited for.
   */
  async warm(transferSyntaxUids: Iterable<string>): Promise<void> {
    if (this.disposed) throw new DecodeError('DecodePool is disposed');
    const uids = [...new Set([...transferSyntaxUids].map(normalizeUid))];
    uids.forEach(assertTransferSyntaxSupported);
    while (this.slots.length < this.size) this.startWorker();
    await Promise.all(
      this.slots.map(async (slot) => {
        // A worker terminated meanwhile (disposal, crash) has nothing left to warm.
        const outcome = await Promise.race([slot.api.warm(uids), slot.stopped]);
        if (outcome && !outcome.ok) throw deserializeDecodeError(outcome.error);
      }),
    );
  }

  /**
   * `warm`, as speculation: begins in the page's next idle period (at the latest after
   * `WARM_IDLE_TIMEOUT_MS`), so starting workers and compiling codecs — tens of milliseconds of
   * CPU each, on machines with two cores — does not compete with a first image the page is
   * busy drawing (a reopened series draws its first image from the cache without decoding).
   * A decode asked for meanwhile starts its worker at once. Failures are left to the decodes.
   */
  warmWhenIdle(transferSyntaxUids: Iterable<string>): void {
    const uids = [...transferSyntaxUids];
    void whenIdle(WARM_IDLE_TIMEOUT_MS).then(() => {
      if (!this.disposed) this.warm(uids).catch(() => undefined);
    });
  }

  /**
   * Cold start off the critical path (issue 18): starts every worker now and has the first one
   * load and compile the codecs of `expected` — the transfer syntaxes the first frame will most
   * probably use, before any response says which (servers such as Orthanc name it only in the
   * frame's own Content-Type) — so that neither the worker's start nor the codec's download and
   * streaming compilation waits behind the first frame. Call it when the first metadata request
   * leaves. The first decode goes to that first worker (work goes to the first idle one); a
   * wrong guess costs one compilation in a worker, nothing on the first frame's path. Once per
   * pool; failures are left to the decodes.
   */
  prepare(expected: Iterable<string> = expectedTransferSyntaxes()): void {
    if (this.disposed || this.prepared) return;
    this.prepared = true;
    const uids = [...new Set([...expected].map(normalizeUid))].filter(isTransferSyntaxSupported);
    while (this.slots.length < this.size) this.startWorker();
    const first = this.slots[0];
    if (first && uids.length > 0) void first.api.warm(uids).catch(() => undefined);
  }

  /**
   * The first frame of a transfer syntax decodes in the first worker: the others load its codec
   * meanwhile, so the frames behind it do not each wait for a compilation.
   */
  private spread(transferSyntaxUid: string): void {
    const uid = normalizeUid(transferSyntaxUid);
    if (this.spreadUids.has(uid) || !isTransferSyntaxSupported(uid)) return;
    this.spreadUids.add(uid);
    for (const slot of this.slots.slice(1)) void slot.api.warm([uid]).catch(() => undefined);
  }

  private submit(
    request: DecodeRequest,
    preview: Task['preview'],
    options: DecodeTaskOptions,
  ): Promise<TimedDecodedFrame> {
    if (this.disposed) return Promise.reject(new DecodeError('DecodePool is disposed'));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<TimedDecodedFrame>((resolve, reject) => {
      const task: Task = {
        request,
        preview,
        priority: options.priority ?? 0,
        sequence: (this.sequence += 1),
        signal,
        resolve,
        reject,
        settled: false,
        detachAbort: () => undefined,
      };
      if (signal) {
        const onAbort = (): void => {
          // Queued work is dropped; running work finishes in its worker and is discarded.
          this.queue = this.queue.filter((queued) => queued !== task);
          this.settle(task, () => {
            reject(abortReason(signal));
          });
        };
        signal.addEventListener('abort', onAbort, { once: true });
        task.detachAbort = () => {
          signal.removeEventListener('abort', onAbort);
        };
      }
      this.enqueue(task);
      this.pump();
      this.spread(request.transferSyntaxUid);
    });
  }

  /** Terminates every worker; queued and running tasks reject with DecodeError. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const error = new DecodeError('DecodePool is disposed');
    for (const task of this.queue) {
      this.settle(task, () => {
        task.reject(error);
      });
    }
    this.queue = [];
    for (const slot of this.slots.splice(0)) {
      if (slot.task) this.settle(slot.task, () => slot.task?.reject(error));
      this.stop(slot);
    }
  }

  private enqueue(task: Task): void {
    // Binary insertion keeps the queue ordered by (priority, arrival).
    let low = 0;
    let high = this.queue.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.queue[mid];
      if (
        other &&
        (other.priority < task.priority ||
          (other.priority === task.priority && other.sequence < task.sequence))
      ) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    this.queue.splice(low, 0, task);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => candidate.task === undefined);
      if (!slot && this.slots.length < this.size) slot = this.startWorker();
      if (!slot) return;
      const task = this.queue.shift();
      if (task) this.run(slot, task);
    }
  }

  private startWorker(): Slot {
    const worker = this.createWorker();
    let markStopped = (): void => undefined;
    const stopped = new Promise<void>((resolve) => {
      markStopped = resolve;
    });
    const slot: Slot = {
      worker,
      api: Comlink.wrap<DecodeWorkerApi>(worker),
      task: undefined,
      timer: undefined,
      stopped,
      markStopped,
    };
    const onFailure = (event: Event): void => {
      event.preventDefault();
      const detail =
        event instanceof ErrorEvent && event.message ? `: ${event.message}` : ' (no message)';
      this.fail(slot, new DecodeError(`Decode worker crashed${detail}`));
    };
    worker.addEventListener('error', onFailure);
    worker.addEventListener('messageerror', onFailure);
    this.slots.push(slot);
    return slot;
  }

  private run(slot: Slot, task: Task): void {
    slot.task = task;
    slot.timer = setTimeout(() => {
      this.fail(slot, new DecodeError(`Decode timed out after ${this.taskTimeoutMs} ms`));
    }, this.taskTimeoutMs);
    const { bytes, transferSyntaxUid, module } = task.request;
    const ownsBuffer =
      task.request.disposable === true &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength &&
      bytes.buffer instanceof ArrayBuffer;
    const input = ownsBuffer ? bytes : bytes.slice();
    const message = {
      bytes: input,
      transferSyntaxUid,
      module,
      maxPixelsPerFrame: this.maxPixelsPerFrame,
    };
    const outcome: Promise<DecodeOutcome> = task.preview
      ? slot.api.decodePreview(Comlink.transfer({ ...message, ...task.preview }, [input.buffer]))
      : slot.api.decode(Comlink.transfer(message, [input.buffer]));
    outcome.then(
      (outcome) => {
        this.finish(slot, task, outcome);
      },
      (error: unknown) => {
        this.finish(slot, task, {
          ok: false,
          error: { name: 'DecodeError', message: `Decode worker failed: ${String(error)}` },
        });
      },
    );
  }

  private finish(slot: Slot, task: Task, outcome: DecodeOutcome): void {
    if (slot.task !== task) return; // the slot was failed and replaced meanwhile
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.timer = undefined;
    this.settle(task, () => {
      if (outcome.ok) task.resolve({ frame: outcome.frame, decodeMs: outcome.decodeMs });
      else task.reject(deserializeDecodeError(outcome.error));
    });
    // A decoder fault (trap, out-of-memory abort) may leave the worker's WebAssembly heap
    // corrupt or grown to gigabytes, which a heap never gives back: start a fresh worker.
    if (!outcome.ok && outcome.error.name === 'DecoderFaultError') this.retire(slot);
    else this.pump();
  }

  /** Terminates a worker whose task has settled and lets a fresh worker take the queue. */
  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.replacedWorkers += 1;
    this.stop(slot);
    if (!this.disposed) this.pump();
  }

  /** Terminates a broken worker, rejects only its task, and lets a fresh worker take the queue. */
  private fail(slot: Slot, error: DecodeError): void {
    if (!this.slots.includes(slot)) return;
    const task = slot.task;
    if (task) {
      this.settle(task, () => {
        task.reject(error);
      });
    }
    this.retire(slot);
  }

  private stop(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.worker.terminate();
    // Comlink keeps each proxy's worker in a module-level FinalizationRegistry (held strongly)
    // and each unanswered call's resolver in the worker's message listener: a terminated worker
    // never answers, so worker → listener → resolver → awaiting code → slot → proxy kept the
    // proxy, the worker and everything the awaiting code held (the disposed viewer's whole DOM)
    // alive for the page's life (heap snapshots, test/e2e/memory-return.node-test.mjs).
    // releaseProxy() unregisters the proxy and drops those resolvers; the RELEASE message it
    // posts to the terminated worker is dropped and its reply never awaited by us.
    slot.api[Comlink.releaseProxy]();
    slot.markStopped();
  }

  private settle(task: Task, action: () => void): void {
    if (task.settled) return;
    task.settled = true;
    task.detachAbort();
    action();
  }
}
