/**
 * The scheduler's bookkeeping: one entry per frame wanted (its waiters share one request), one
 * batch per HTTP request in flight.
 */
import type { PartialPart } from './multipart-reader.js';
import type { EncodedFrame } from '../dicom/dataset.js';
import type { FrameRetrieveOptions, PreviewHooks } from './dicomweb-client-options.js';
import { RetrievalPriority, type FrameAddress, type ScheduleOptions } from './retrieval-request.js';

export interface Waiter {
  readonly resolve: (frame: EncodedFrame) => void;
  readonly reject: (error: unknown) => void;
  readonly priority: number;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

export interface Entry {
  readonly key: string;
  readonly address: FrameAddress;
  readonly waiters: Set<Waiter>;
  readonly nativeFrameLength: number | undefined;
  readonly lossyTransferSyntaxUid: string | undefined;
  onPartProgress: ((part: PartialPart) => void) | undefined;
  previewBytes: number | undefined;
  /** The preview's share of this progressive frame has arrived: the rest waits its turn (`queueRank`). */
  previewFetched: boolean;
  priority: number;
  sequence: number;
  attempt: number;
  notBefore: number;
  batch: Batch | undefined;
}

export interface Batch {
  /** By frame key. */
  readonly entries: Map<string, Entry>;
  readonly controller: AbortController;
  /** Set for a whole-series request: SOP Instance UIDs it has delivered so far. */
  readonly sweep?: { readonly seriesKey: string; readonly passed: Set<string> };
  /** Aborted to give its connection to another frame's preview: its frames go back to the queue. */
  yielded?: boolean;
}

/**
 * Added to the priority of a progressive frame's rest once its preview's bytes are in: it comes
 * after every frame of its band still waiting for a first picture (eight mammograms at once:
 * every view's first bytes before any view's full image), before the next band.
 */
export const REST_OF_FRAME = 500_000;

/** The order of the queue: priority, and a frame's rest after the previews of its band. */
export function queueRank(entry: Entry): number {
  return entry.priority + (entry.previewFetched ? REST_OF_FRAME : 0);
}

/** A frame still waiting for its first bytes, which will show a preview. */
export function wantsPreview(entry: Entry): boolean {
  return entry.onPartProgress !== undefined && !entry.previewFetched;
}

export function newEntry(
  key: string,
  address: FrameAddress,
  options: ScheduleOptions,
  priority: number,
  sequence: number,
): Entry {
  return {
    key,
    address,
    waiters: new Set(),
    nativeFrameLength: options.nativeFrameLength,
    lossyTransferSyntaxUid: options.lossyTransferSyntaxUid,
    onPartProgress: options.onPartProgress,
    previewBytes: options.previewBytes,
    previewFetched: false,
    priority,
    sequence,
    attempt: 0,
    notBefore: 0,
    batch: undefined,
  };
}

/**
 * What the client is told for one batch: Fetch priority from its most urgent frame, and for a
 * progressive frame its preview's share and the scheduler's hooks between preview and rest.
 */
export function frameRetrieveOptions(
  batch: Batch,
  first: Entry,
  hooks: PreviewHooks,
): FrameRetrieveOptions {
  const urgent = [...batch.entries.values()].some(
    (e) => e.priority < RetrievalPriority.otherViewport,
  );
  return {
    signal: batch.controller.signal,
    fetchPriority: urgent ? 'high' : 'low',
    ...(first.nativeFrameLength === undefined
      ? {}
      : { nativeFrameLength: first.nativeFrameLength }),
    lossyTransferSyntaxUid: first.lossyTransferSyntaxUid,
    ...(first.onPartProgress ? { onPartProgress: first.onPartProgress, ...hooks } : {}),
    ...(first.previewBytes === undefined ? {} : { previewBytes: first.previewBytes }),
  };
}

export function seriesKeyOf(address: FrameAddress): string {
  return `${address.studyInstanceUid}/${address.seriesInstanceUid}`;
}

export function isBackground(entry: Entry): boolean {
  return entry.priority >= RetrievalPriority.series;
}

/**
 * The queued background frames of one series worth a whole-series request (frames of at least
 * `minInstances` instances), or undefined.
 */
export function seriesCandidates(
  queue: ReadonlySet<Entry>,
  seriesKey: string,
  now: number,
  minInstances: number,
): Entry[] | undefined {
  const candidates = [...queue].filter(
    (e) =>
      isBackground(e) &&
      !e.onPartProgress &&
      e.notBefore <= now &&
      seriesKeyOf(e.address) === seriesKey,
  );
  const instances = new Set(candidates.map((e) => e.address.sopInstanceUid));
  return instances.size >= minInstances ? candidates : undefined;
}

/**
 * `first` and the queued frames of the same instance that may go with it in one request
 * (PS3.18 8.3.5.1.4 frame lists), most urgent first, at most `maxFramesPerRequest`.
 */
export function collectBatch(
  queue: ReadonlySet<Entry>,
  first: Entry,
  now: number,
  maxFramesPerRequest: number,
): Entry[] {
  const batch = [first];
  if (maxFramesPerRequest === 1 || first.onPartProgress) return batch;
  const { sopInstanceUid, seriesInstanceUid } = first.address;
  const siblings = [...queue].filter(
    (e) =>
      e !== first &&
      e.notBefore <= now &&
      !e.onPartProgress &&
      e.address.sopInstanceUid === sopInstanceUid &&
      e.address.seriesInstanceUid === seriesInstanceUid,
  );
  siblings.sort((a, b) => a.priority - b.priority || a.sequence - b.sequence);
  batch.push(...siblings.slice(0, maxFramesPerRequest - 1));
  // Frame lists in ascending order: servers stream multi-frame instances front to back.
  return batch.sort((a, b) => a.address.frameNumber - b.address.frameNumber);
}

/** The most urgent entry due now (FIFO among equals), and when the next one falls due. */
export function nextEntry(
  queue: ReadonlySet<Entry>,
  now: number,
): { readonly best: Entry | undefined; readonly wake: number } {
  let best: Entry | undefined;
  let wake = Infinity;
  for (const entry of queue) {
    if (entry.notBefore > now) {
      wake = Math.min(wake, entry.notBefore);
      continue;
    }
    const rank = queueRank(entry);
    if (
      !best ||
      rank < queueRank(best) ||
      (rank === queueRank(best) && entry.sequence < best.sequence)
    )
      best = entry;
  }
  return { best, wake };
}

/** Each waiter gets its own buffer (safe to transfer to a worker): the first the frame's, others a copy. */
export function resolveWaiters(entry: Entry, frame: EncodedFrame): void {
  let first = true;
  for (const waiter of entry.waiters) {
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve(
      first ? frame : { bytes: frame.bytes.slice(), transferSyntaxUid: frame.transferSyntaxUid },
    );
    first = false;
  }
}

export function rejectWaiters(entry: Entry, reason: unknown): void {
  for (const waiter of entry.waiters) {
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.reject(reason);
  }
}
