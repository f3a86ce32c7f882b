import { DecodeError } from '../dicom/errors.js';
import { framePixels, type DecodePixelsRequest } from './decode-pixels.js';
import { chooseResolutionLevel, prepareCodestream } from './partial-codestream.js';
import { assertFrameSize } from './pixel-module.js';
import type { PreviewFrame } from '../dicom/preview-frame.js';
import { codecFor } from './registry.js';

export interface DecodePreviewRequest extends DecodePixelsRequest {
  /** Decomposition levels to drop; default: the finest level the bytes at hand probably hold. */
  readonly resolutionLevel?: number;
}

/**
 * A reduced-resolution decode, run inside a decode worker, of a JPEG 2000 / HTJ2K codestream
 * that may be truncated anywhere (a frame still streaming in). Throws DecodeError when too
 * little has arrived, and for transfer syntaxes that are not resolution-scalable.
 */
export async function decodePreviewPixels(request: DecodePreviewRequest): Promise<PreviewFrame> {
  const { module } = request;
  assertFrameSize(module, request.maxPixelsPerFrame);
  const codec = await codecFor(request.transferSyntaxUid);
  if (!codec.decodeReduced) {
    throw new DecodeError(`${codec.name} frames cannot be decoded at a reduced resolution`);
  }
  const prepared = prepareCodestream(request.bytes, codec.name);
  const level = chooseResolutionLevel(prepared, codec.name, request.resolutionLevel);
  const output = await codec.decodeReduced(prepared.bytes, module, level);
  const frame = framePixels(codec.name, output, {
    ...module,
    rows: output.rows,
    columns: output.columns,
  });
  return {
    ...frame,
    resolutionLevel: level,
    scale: 2 ** level,
    fullRows: module.rows,
    fullColumns: module.columns,
    partial: !prepared.complete,
  };
}
