import type { DicomDataset } from './dataset.js';

const DOCUMENT_TITLE = 0x00420010;
const ENCAPSULATED_DOCUMENT = 0x00420011;
const MIME_TYPE = 0x00420012;
const ENCAPSULATED_DOCUMENT_LENGTH = 0x00420015;

export interface EncapsulatedPdf {
  readonly bytes: Uint8Array;
  readonly title: string | undefined;
}

/**
 * The PDF of an Encapsulated PDF instance (PS3.3 A.45.1, C.24.2), or undefined when the data set
 * holds none, declares another MIME type, or its bytes do not start with the PDF signature —
 * a Blob URL shares the page's origin, so nothing but a PDF may be handed to the browser.
 */
export function encapsulatedPdfOf(dataset: DicomDataset): EncapsulatedPdf | undefined {
  const mimeType = dataset.string(MIME_TYPE)?.trim().toLowerCase();
  if (mimeType !== undefined && mimeType !== 'application/pdf') return undefined;
  let bytes = dataset.bytes(ENCAPSULATED_DOCUMENT);
  if (bytes === undefined) return undefined;
  // OB values are padded to even length; Encapsulated Document Length is the true size (C.24.2.1).
  const length = dataset.number(ENCAPSULATED_DOCUMENT_LENGTH);
  if (length !== undefined && length > 0 && length <= bytes.length)
    bytes = bytes.subarray(0, length);
  const signature = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
  if (!signature.every((byte, index) => bytes[index] === byte)) return undefined;
  return { bytes, title: dataset.string(DOCUMENT_TITLE) };
}
