import { assertFrameSize, readPixelModule } from '../codecs/pixel-module.js';
import { assertTransferSyntaxSupported } from '../dicom/transfer-syntax.js';
import type { DicomDataset } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { DecodeError } from '../dicom/errors.js';
import { DecodePool } from './decode-pool.js';
import { isLossyImage } from '../dicom/lossy-compression.js';

export interface DecodeFrameOptions {
  readonly signal?: AbortSignal;
  /** Lower is more urgent; 0 = the frame on screen (default), prefetch uses higher numbers. */
  readonly priority?: number;
  /** The pool to decode in. Components pass their viewer's pool; without one the default pool is used. */
  readonly pool?: DecodePool;
}

let defaultPool: DecodePool | undefined;

/**
 * Decodes one frame of a data set off the main thread: grayscale stored values, or interleaved
 * 8-bit RGB for colour (see DecodedFrame). The frame's own transfer syntax wins over the data
 * set's (a DICOMweb server may have transcoded it).
 *
 * Rejects with UnsupportedTransferSyntaxError, ImageTooLargeError (before fetching or
 * allocating), DecodeError, or the signal's reason when aborted.
 *
 * Without `options.pool` this uses a module-level default pool, created on first use: a
 * convenience for scripts and tests only. Viewers create and own their own DecodePool;
 * release the default one with `disposeDefaultDecodePool()`.
 */
export async function decodeFrame(
  dataset: DicomDataset,
  frameIndex: number,
  options: DecodeFrameOptions = {},
): Promise<DecodedFrame> {
  const pool = options.pool ?? defaultDecodePool();
  const pixelData = dataset.pixelData;
  if (!pixelData) throw new DecodeError('The data set has no pixel data');
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= pixelData.frameCount) {
    throw new DecodeError(`Frame ${frameIndex} is outside 0..${pixelData.frameCount - 1}`);
  }
  const module = readPixelModule(dataset);
  assertFrameSize(module, pool.maxPixelsPerFrame);
  const taskOptions = {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.priority === undefined ? {} : { priority: options.priority }),
  };
  const frame = await pixelData.frame(frameIndex, taskOptions);
  const transferSyntaxUid = frame.transferSyntaxUid || dataset.transferSyntaxUid;
  assertTransferSyntaxSupported(transferSyntaxUid);
  const decoded = await pool.decode({ bytes: frame.bytes, transferSyntaxUid, module }, taskOptions);
  return isLossyImage(dataset, transferSyntaxUid) ? { ...decoded, lossy: true } : decoded;
}

/** The pool `decodeFrame` and `decodePreview` use when given none (created on first use). */
export function defaultDecodePool(): DecodePool {
  return (defaultPool ??= new DecodePool());
}

/** Terminates the default pool's workers (a later decodeFrame without a pool starts a new one). */
export function disposeDefaultDecodePool(): void {
  defaultPool?.dispose();
  defaultPool = undefined;
}
