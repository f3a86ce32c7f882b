/**
 * The FrameLoader (src/context/frame-loader.ts) a viewer provides for DICOMweb
 * data sets: the frame's bytes come from the data set's pixel source (the
 * cache, else the retrieval scheduler at the viewport's priority) and are
 * decoded in the viewer's DecodePool, buffers transferred, never copied.
 */
import type { FrameLoader, FrameLoadOptions } from '../context/frame-loader.js';
import type { DicomDataset } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { decodeFrame } from '../workers/decode-frame.js';
import type { DecodePool } from '../workers/decode-pool.js';

export class DicomwebFrameLoader implements FrameLoader {
  readonly #pool: DecodePool | undefined;

  /** Without a pool, `decodeFrame`'s default pool is used (scripts and tests only). */
  constructor(pool?: DecodePool) {
    this.#pool = pool;
  }

  load(dataset: DicomDataset, frame: number, options: FrameLoadOptions): Promise<DecodedFrame> {
    return decodeFrame(dataset, frame, {
      signal: options.signal,
      priority: options.priority,
      ...(this.#pool ? { pool: this.#pool } : {}),
    });
  }
}
