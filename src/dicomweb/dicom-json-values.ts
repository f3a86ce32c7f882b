/**
 * Minimal typed reads of DICOM JSON (PS3.18 F.2) that the loader needs before a
 * data set exists (UIDs, frame counts, sort keys). Everything else goes through
 * `datasetFromDicomJson` and the DicomDataset interface.
 */
import { dicomJsonKey } from '../dicom/json-keys.js';
import {
  AvailableTransferSyntaxUID,
  BitsAllocated,
  Columns,
  DoubleFloatPixelData,
  FloatPixelData,
  ImageOrientationPatient,
  ImagePositionPatient,
  InstanceNumber,
  NumberOfFrames,
  PixelData,
  Rows,
  SOPInstanceUID,
  SamplesPerPixel,
  SeriesInstanceUID,
  StudyInstanceUID,
  TransferSyntaxUID,
} from '../dicom/tags.generated.js';

export interface DicomJsonElement {
  readonly vr: string;
  readonly Value?: readonly unknown[];
  readonly InlineBinary?: string;
  readonly BulkDataURI?: string;
}

/** One data set in DICOM JSON: keys are 8 upper-case hex digits (PS3.18 F.2.1.1). */
export type DicomJsonObject = Readonly<Record<string, DicomJsonElement | undefined>>;

const key = dicomJsonKey;

export function jsonValues(json: DicomJsonObject, tag: number): readonly unknown[] {
  return json[key(tag)]?.Value ?? [];
}

export function jsonString(json: DicomJsonObject, tag: number): string | undefined {
  const value = jsonValues(json, tag)[0];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function jsonNumber(json: DicomJsonObject, tag: number): number | undefined {
  const value = jsonValues(json, tag)[0];
  const number =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

export function jsonNumbers(json: DicomJsonObject, tag: number): number[] {
  return jsonValues(json, tag).map(Number).filter(Number.isFinite);
}

export function jsonBulkDataUri(json: DicomJsonObject, tag: number): string | undefined {
  return json[key(tag)]?.BulkDataURI;
}

export const Tag = {
  StudyInstanceUID,
  SeriesInstanceUID,
  SOPInstanceUID,
  InstanceNumber,
  NumberOfFrames,
  Rows,
  Columns,
  SamplesPerPixel,
  BitsAllocated,
  ImagePositionPatient,
  ImageOrientationPatient,
  TransferSyntaxUID,
  AvailableTransferSyntaxUID,
  PixelData,
  FloatPixelData,
  DoubleFloatPixelData,
} as const;
