/**
 * Courbaril public API. Nothing else is importable by users (package.json `exports`).
 * Importing this module registers no element: import `courbaril/define` (all elements)
 * or use the standalone build for that.
 */
export {
  CourbarilError,
  DicomParseError,
  UnsupportedTransferSyntaxError,
  DecodeError,
  ImageTooLargeError,
} from './dicom/errors.js';
export type {
  DicomDataset,
  PixelDataSource,
  EncodedFrame,
  FrameRequestOptions,
  Vr,
} from './dicom/dataset.js';
export type { DecodedFrame, GrayscalePixels } from './dicom/decoded-frame.js';
