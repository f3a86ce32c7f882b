import { readPixelModule } from '../codecs/pixel-module.js';
import type { PreviewFrame } from '../dicom/preview-frame.js';
import { assertTransferSyntaxSupported } from '../dicom/transfer-syntax.js';
import type { DicomDataset } from '../dicom/dataset.js';
import { defaultDecodePool, type DecodeFrameOptions } from './decode-frame.js';
import { isLossyImage } from '../dicom/lossy-compression.js';

export interface DecodePreviewOptions extends DecodeFrameOptions {
  /** The codestream's own transfer syntax when it differs from the data set's (a DICOMweb part's). */
  readonly transferSyntaxUid?: string;
  /** Decomposition levels to drop (1 = half size each way); default: chosen from the bytes at hand. */
  readonly resolutionLevel?: number;
}

/**
 * Decodes a reduced-resolution preview of one JPEG 2000 / HTJ2K frame of `dataset` from
 * `bytes`, the first bytes of its codestream (or all of them). The result is smaller than
 * the image: draw it `scale` times larger (see PreviewFrame). Rejects with DecodeError when
 * too little has arrived or the syntax is not resolution-scalable, with
 * UnsupportedTransferSyntaxError or ImageTooLargeError like `decodeFrame`, or the signal's
 * reason. `bytes` is transferred to the worker when it spans its whole buffer.
 */
export function decodePreview(
  dataset: DicomDataset,
  bytes: Uint8Array,
  options: DecodePreviewOptions = {},
): Promise<PreviewFrame> {
  const pool = options.pool ?? defaultDecodePool();
  const transferSyntaxUid = options.transferSyntaxUid ?? dataset.transferSyntaxUid;
  assertTransferSyntaxSupported(transferSyntaxUid);
  const module = readPixelModule(dataset);
  const { signal, priority, resolutionLevel } = options;
  const lossy = isLossyImage(dataset, transferSyntaxUid);
  return pool
    .decodePreview(
      { bytes, transferSyntaxUid, module },
      {
        ...(signal === undefined ? {} : { signal }),
        ...(priority === undefined ? {} : { priority }),
        ...(resolutionLevel === undefined ? {} : { resolutionLevel }),
      },
    )
    .then((preview) => (lossy ? { ...preview, lossy: true } : preview));
}
