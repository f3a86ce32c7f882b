import type { DicomDataset } from '../dicom/dataset.js';
import { lookup, readLutTable, type LutTable } from './lut-data.js';
import {
  Modality,
  ModalityLUTSequence,
  ModalityLUTType,
  PixelRepresentation,
  RescaleIntercept,
  RescaleSlope,
  RescaleType,
} from '../dicom/tags.generated.js';

/**
 * Stored values → modality values (PS3.3 C.11.1): either Rescale Slope/Intercept
 * or a Modality LUT Sequence item, never both (C.11.1: "only one shall be present").
 */
export type ModalityLut =
  | {
      readonly kind: 'rescale';
      readonly slope: number;
      readonly intercept: number;
      readonly unit: string | undefined;
    }
  | { readonly kind: 'table'; readonly table: LutTable; readonly unit: string | undefined };

export function modalityLutOf(dataset: DicomDataset): ModalityLut {
  const signed = dataset.number(PixelRepresentation) === 1;
  const item = dataset.sequence(ModalityLUTSequence)[0];
  if (item) {
    const table = readLutTable(item, signed);
    if (table) return { kind: 'table', table, unit: item.string(ModalityLUTType) };
  }
  const slope = dataset.number(RescaleSlope);
  const intercept = dataset.number(RescaleIntercept);
  return {
    kind: 'rescale',
    // A slope of 0 would collapse the image; treat it as absent like most readers do.
    slope: slope === undefined || slope === 0 || !Number.isFinite(slope) ? 1 : slope,
    intercept: intercept !== undefined && Number.isFinite(intercept) ? intercept : 0,
    unit: rescaleUnit(dataset),
  };
}

function rescaleUnit(dataset: DicomDataset): string | undefined {
  const type = dataset.string(RescaleType);
  if (type) return type;
  // PS3.3 C.8.2.1.1.4 (CT Image): the rescaled values are Hounsfield Units.
  return dataset.string(Modality) === 'CT' ? 'HU' : undefined;
}

export function applyModalityLut(lut: ModalityLut, stored: number): number {
  return lut.kind === 'rescale' ? stored * lut.slope + lut.intercept : lookup(lut.table, stored);
}

/** The modality-value interval a stored interval maps onto (LUTs need not be monotonic). */
export function modalityRange(
  lut: ModalityLut,
  storedMin: number,
  storedMax: number,
): [number, number] {
  if (lut.kind === 'rescale') {
    const a = applyModalityLut(lut, storedMin);
    const b = applyModalityLut(lut, storedMax);
    return [Math.min(a, b), Math.max(a, b)];
  }
  let min = Infinity;
  let max = -Infinity;
  const from = Math.max(storedMin, lut.table.firstMapped) - lut.table.firstMapped;
  const to = Math.min(storedMax - lut.table.firstMapped, lut.table.data.length - 1);
  for (let i = from; i <= to; i++) {
    const value = lut.table.data[i] ?? 0;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min > max) {
    min = applyModalityLut(lut, storedMin);
    max = applyModalityLut(lut, storedMax);
  }
  return [min, max];
}
