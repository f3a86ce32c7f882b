/**
 * The FrameLoader (src/context/frame-loader.ts) a viewer provides for DICOMweb
 * data sets: the frame's bytes come from the data set's pixel source (the
 * cache, else the retrieval scheduler at the viewport's priority) and are
 * decoded in the viewer's DecodePool, buffers transferred, never copied.
 *
 * With a `previewDecoder`, a single-frame JPEG 2000 / HTJ2K image is first
 * shown coarse from the bytes received so far (`onPreview`), then in full.
 */
import type { FrameLoader, FrameLoadOptions } from '../context/frame-loader.js';
import type { DicomDataset } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { decodeFrame } from '../workers/decode-frame.js';
import type { DecodePool } from '../workers/decode-pool.js';
import { DicomwebPixelDataSource } from './dicomweb-pixel-data-source.js';
import {
  ProgressivePreview,
  withFetchedFrame,
  type PreviewDecoder,
} from './progressive-preview.js';

export interface DicomwebFrameLoaderOptions {
  /** The viewer's pool; without one, `decodeFrame`'s default pool (scripts and tests only). */
  readonly pool?: DecodePool;
  readonly previewDecoder?: PreviewDecoder;
  /** Bytes of a progressive frame to wait for before the preview decode (default 64 KiB). */
  readonly previewThresholdBytes?: number;
}

export class DicomwebFrameLoader implements FrameLoader {
  readonly #options: DicomwebFrameLoaderOptions;

  constructor(options: DicomwebFrameLoaderOptions | DecodePool = {}) {
    this.#options = 'decode' in options ? { pool: options } : options;
  }

  async load(
    dataset: DicomDataset,
    frame: number,
    options: FrameLoadOptions,
  ): Promise<DecodedFrame> {
    const { pool, previewDecoder } = this.#options;
    const decodeOptions = {
      signal: options.signal,
      priority: options.priority,
      ...(pool ? { pool } : {}),
    };
    const source = dataset.pixelData;
    if (
      !options.onPreview ||
      !previewDecoder ||
      !(source instanceof DicomwebPixelDataSource) ||
      source.frameCount !== 1
    ) {
      return decodeFrame(dataset, frame, decodeOptions);
    }
    const preview = new ProgressivePreview({
      dataset,
      decoder: previewDecoder,
      thresholdBytes: this.#options.previewThresholdBytes ?? 64 * 1024,
      signal: options.signal,
      onPreview: options.onPreview,
    });
    try {
      const encoded = await source.frame(frame, {
        signal: options.signal,
        priority: options.priority,
        onPartProgress: preview.onPartProgress,
      });
      return await decodeFrame(withFetchedFrame(dataset, frame, encoded), frame, decodeOptions);
    } finally {
      preview.settle();
    }
  }
}
