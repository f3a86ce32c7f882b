/**
 * Whether an image has been through lossy compression, so that it is labelled as such wherever
 * it is drawn: its data set says so (PS3.3 C.7.6.1.1.5: Lossy Image Compression (0028,2110)
 * "01" once an image has been lossy compressed, "even if it was subsequently decompressed"), or
 * its frame came in a transfer syntax that allows irreversible compression (a DICOMweb server's
 * transcoding, PS3.18 8.7.3.5.2, does not rewrite the metadata). Such a syntax may still carry
 * a reversible codestream (JPEG 2000 .91 with the 5-3 wavelet): it is labelled lossy all the
 * same, the safe side for a label that keeps an image out of diagnosis.
 */
import type { DicomDataset } from './dataset.js';
import { LossyImageCompression } from './tags.generated.js';
import { transferSyntaxInfo } from './transfer-syntax.js';

/** PS3.3 C.7.6.1.1.5: "01" = the image has been subjected to lossy compression. */
export function declaresLossyCompression(dataset: DicomDataset): boolean {
  return dataset.string(LossyImageCompression)?.trim() === '01';
}

/** The frame decoded from `transferSyntaxUid` (the frame's own, else the data set's) is lossy. */
export function isLossyImage(
  dataset: DicomDataset,
  transferSyntaxUid: string | undefined,
): boolean {
  const uid = transferSyntaxUid || dataset.transferSyntaxUid;
  return transferSyntaxInfo(uid)?.lossy === true || declaresLossyCompression(dataset);
}
