/**
 * Progressive display of large single frames (mammography, radiographs): a
 * JPEG 2000 / HTJ2K codestream is resolution-scalable (ISO/IEC 15444-1 B.5), so
 * its first bytes hold a coarse version of the image. While the frame's part
 * streams in, the bytes received so far go to a preview decoder once, and the
 * coarse frame is shown until the full one is decoded.
 *
 * The decoder is a seam: DicomwebFrameLoader passes `poolPreviewDecoder` (a
 * reduced-resolution decode of the truncated codestream in the viewer's
 * DecodePool, `decodePreview`) unless the host gives its own.
 */
import type { DicomDataset, EncodedFrame, PixelDataSource } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { isProgressiveTransferSyntax } from '../dicom/transfer-syntax.js';
import { declaredTransferSyntax, sniffTransferSyntax } from './transfer-syntax-negotiation.js';
import type { PartialPart } from './multipart-reader.js';

export interface PreviewDecodeRequest {
  /** A prefix of the codestream (truncated anywhere), or all of it with `resolutionLevel`. */
  readonly bytes: Uint8Array;
  /**
   * Set for a whole codestream read at once (from the cache): the decomposition levels to drop.
   * Without it, the finest resolution the prefix holds.
   */
  readonly resolutionLevel?: number;
  readonly transferSyntaxUid: string;
  readonly dataset: DicomDataset;
  readonly signal: AbortSignal;
}

/** Decodes a truncated codestream at whatever resolution it allows; undefined when too little has arrived. */
export type PreviewDecoder = (request: PreviewDecodeRequest) => Promise<DecodedFrame | undefined>;

export interface ProgressivePreviewOptions {
  readonly dataset: DicomDataset;
  readonly decoder: PreviewDecoder;
  readonly thresholdBytes: number;
  readonly signal: AbortSignal;
  readonly onPreview: (frame: DecodedFrame) => void;
}

/**
 * Watches a frame's part as it arrives and starts one preview decode once
 * `thresholdBytes` are in; `onPreview` is called unless the full frame won the race.
 */
export class ProgressivePreview {
  #started = false;
  #settled = false;
  readonly #options: ProgressivePreviewOptions;

  constructor(options: ProgressivePreviewOptions) {
    this.#options = options;
  }

  /** Pass as `onPartProgress`. */
  readonly onPartProgress = (part: PartialPart): void => {
    if (this.#started || part.receivedBytes < this.#options.thresholdBytes) return;
    this.#started = true;
    const sniffed = sniffTransferSyntax(
      part.bytes(),
      declaredTransferSyntax(part.headers.get('content-type')),
    );
    if (isProgressiveTransferSyntax(sniffed.transferSyntaxUid)) this.#decode(sniffed);
  };

  /**
   * The whole frame came at once (from the cache), so nothing streamed: a large JPEG 2000 /
   * HTJ2K frame still gets a preview, decoded `resolutionLevel` levels down — a fraction of the
   * full decode (4000×3000 JPEG 2000: 1.4 s here, bench/results/decode.md), which runs beside it.
   */
  whole(frame: EncodedFrame, resolutionLevel: number): void {
    if (this.#started || !isProgressiveTransferSyntax(frame.transferSyntaxUid)) return;
    this.#started = true;
    // A copy: the full decode transfers the frame's own buffer to its worker.
    this.#decode(
      { bytes: frame.bytes.slice(), transferSyntaxUid: frame.transferSyntaxUid },
      resolutionLevel,
    );
  }

  /** The one preview decode; shown unless the full frame won the race. */
  #decode(codestream: EncodedFrame, resolutionLevel?: number): void {
    const { decoder, dataset, signal, onPreview } = this.#options;
    decoder({
      bytes: codestream.bytes,
      transferSyntaxUid: codestream.transferSyntaxUid,
      dataset,
      signal,
      ...(resolutionLevel === undefined ? {} : { resolutionLevel }),
    }).then(
      (frame) => {
        if (frame && !this.#settled && !signal.aborted) onPreview(frame);
      },
      () => undefined, // A failed preview is no error: the full frame follows.
    );
  }

  /** The full frame is decoded: a late preview must not replace it. */
  settle(): void {
    this.#settled = true;
  }
}

/** The same data set, answering `pixelData` with frames already fetched. */
export function withFetchedFrame(
  dataset: DicomDataset,
  index: number,
  frame: EncodedFrame,
): DicomDataset {
  const frameCount = dataset.pixelData?.frameCount ?? index + 1;
  const pixelData: PixelDataSource = {
    frameCount,
    frame: (i) =>
      i === index
        ? Promise.resolve(frame)
        : Promise.reject(new RangeError(`Frame ${i} was not fetched`)),
  };
  return {
    tags: () => dataset.tags(),
    has: (tag) => dataset.has(tag),
    vr: (tag) => dataset.vr(tag),
    string: (tag) => dataset.string(tag),
    strings: (tag) => dataset.strings(tag),
    number: (tag) => dataset.number(tag),
    numbers: (tag) => dataset.numbers(tag),
    sequence: (tag) => dataset.sequence(tag),
    bytes: (tag) => dataset.bytes(tag),
    transferSyntaxUid: dataset.transferSyntaxUid,
    pixelData,
  };
}
