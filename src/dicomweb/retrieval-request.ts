/**
 * What a caller asks the retrieval scheduler for: a frame's address, how urgent it is (a band
 * plus a rank), and the scheduler's own settings.
 */
import type { PartialPart } from './multipart-reader.js';

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

export function frameKey(address: FrameAddress): string {
  return `${address.studyInstanceUid}/${address.seriesInstanceUid}/${address.sopInstanceUid}/${address.frameNumber}`;
}

export interface ScheduleOptions {
  readonly priority?: number;
  readonly signal?: AbortSignal | undefined;
  /** Byte size of the frame uncompressed, for mislabel detection. */
  readonly nativeFrameLength?: number | undefined;
  /** The syntax to ask the frame in from a lossy client (lossy-request.ts). */
  readonly lossyTransferSyntaxUid?: string | undefined;
  /** Bytes of the frame's part as they arrive (progressive JPEG 2000). Disables batching for this frame. */
  readonly onPartProgress?: ((part: PartialPart) => void) | undefined;
  /** With `onPartProgress`: the preview's share, fetched first by byte range where possible. */
  readonly previewBytes?: number | undefined;
}

export interface RetrievalSchedulerOptions {
  readonly maxConcurrentRequests?: number;
  /** Frames of one instance per request (default 16); 1 disables batching. */
  readonly maxFramesPerRequest?: number;
  /**
   * Whole-series retrieval for background frames: 'auto' (default) once at least
   * `seriesRetrievalMinInstances` instances of one series wait in the background bands and
   * frame responses have come at `seriesRetrievalMinBytesPerSecond` or more (on a thinner
   * link the wire bounds the series anyway, and frame requests keep the interleaved order);
   * 'always' skips the speed test; 'off' never.
   */
  readonly seriesRetrieval?: 'auto' | 'always' | 'off';
  /** Default 24. */
  readonly seriesRetrievalMinInstances?: number;
  /** Default 8 MB/s (64 Mbit/s). */
  readonly seriesRetrievalMinBytesPerSecond?: number;
}

export interface RetrievalStats {
  readonly queued: number;
  readonly inFlight: number;
  /** HTTP frame requests started since creation (retries included), series requests included. */
  readonly requestsStarted: number;
  /** Of which whole-series requests. */
  readonly seriesRequestsStarted: number;
}
