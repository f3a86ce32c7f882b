/** A DecodePool's queued work and its workers' slots (decode-pool.ts). */
import type * as Comlink from 'comlink';
import type { DecodeWorkerApi } from './decode-protocol.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { PixelModule } from '../codecs/pixel-module.js';

export interface DecodeRequest {
  /**
   * The codestream or native bytes. Copied once and the copy transferred, unless `disposable`
   * says the caller gives them away: then a view spanning its whole buffer is transferred
   * (detached here). A data set's own bytes (a DICOM JSON InlineBinary, a loaded BulkDataURI)
   * are decoded again later and must never be detached.
   */
  readonly bytes: Uint8Array;
  /** The caller keeps no reference to `bytes`: the pool may take their buffer. */
  readonly disposable?: boolean;
  readonly transferSyntaxUid: string;
  readonly module: PixelModule;
}

export interface TimedDecodedFrame {
  readonly frame: DecodedFrame;
  /** Decode time inside the worker, without queueing and transfer. */
  readonly decodeMs: number;
}

export interface Task {
  readonly request: DecodeRequest;
  /** Present for a reduced-resolution preview decode. */
  readonly preview: { readonly resolutionLevel?: number } | undefined;
  readonly priority: number;
  readonly sequence: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: TimedDecodedFrame) => void;
  readonly reject: (reason: unknown) => void;
  settled: boolean;
  detachAbort: () => void;
}

export interface Slot {
  readonly worker: Worker;
  readonly api: Comlink.Remote<DecodeWorkerApi>;
  task: Task | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Settles when the worker is terminated (a comlink call to it would never settle). */
  readonly stopped: Promise<void>;
  markStopped: () => void;
}

/** The signal's reason when it is an Error (an AbortError DOMException by default), else an AbortError. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(
    typeof reason === 'string' ? reason : 'The decode was aborted',
    'AbortError',
  );
}
