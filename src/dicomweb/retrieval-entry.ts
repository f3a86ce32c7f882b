/**
 * The scheduler's bookkeeping: one entry per frame wanted (its waiters share one request), one
 * batch per HTTP request in flight.
 */
import type { PartialPart } from './multipart-reader.js';
import type { EncodedFrame } from '../dicom/dataset.js';
import { RetrievalPriority, type FrameAddress } from './retrieval-request.js';

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
}

export function seriesKeyOf(address: FrameAddress): string {
  return `${address.studyInstanceUid}/${address.seriesInstanceUid}`;
}

export function isBackground(entry: Entry): boolean {
  return entry.priority >= RetrievalPriority.series;
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
    if (
      !best ||
      entry.priority < best.priority ||
      (entry.priority === best.priority && entry.sequence < best.sequence)
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
