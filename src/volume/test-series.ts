/**
 * Synthetic series for the volume tests: DICOM JSON data sets with the geometry a test states
 * (PS3.18 F.2), so every expectation is computed from the test's own numbers.
 */
import { encodeBase64 } from '../dicom/base64.js';
import type { DicomDataset } from '../dicom/dataset.js';
import { datasetFromDicomJson, type DicomJsonAttribute } from '../dicom/json-dataset.js';
import type { Vec3 } from './vec3.js';

export interface TestSlice {
  readonly position: Vec3;
  readonly orientation?: readonly number[];
  readonly rows?: number;
  readonly columns?: number;
  /** [row spacing, column spacing] as Pixel Spacing orders them. */
  readonly pixelSpacing?: readonly [number, number];
  readonly slope?: number;
  readonly intercept?: number;
  readonly frameOfReferenceUid?: string;
  /** Stored values, written as native Pixel Data (7FE0,0010) with Bits Allocated 16. */
  readonly pixels?: Uint16Array;
}

export const AXIAL: readonly number[] = [1, 0, 0, 0, 1, 0];
/** A name a refusal must never repeat. */
export const TEST_PATIENT_NAME = 'Doe^Jane';

const ds = (values: readonly number[]): DicomJsonAttribute => ({ vr: 'DS', Value: [...values] });
const us = (value: number): DicomJsonAttribute => ({ vr: 'US', Value: [value] });

export function singleFrame(slice: TestSlice, bitsStored = 12, signed = false): DicomDataset {
  return datasetFromDicomJson({
    '00100010': { vr: 'PN', Value: [{ Alphabetic: TEST_PATIENT_NAME }] },
    '00080060': { vr: 'CS', Value: ['CT'] },
    '00180050': ds([5]), // Slice Thickness: deliberately unlike the step; must be ignored.
    '00200052': { vr: 'UI', Value: [slice.frameOfReferenceUid ?? '1.2.3.4'] },
    '00200032': ds(slice.position),
    '00200037': ds(slice.orientation ?? AXIAL),
    '00280030': ds(slice.pixelSpacing ?? [0.8, 0.7]),
    '00280010': us(slice.rows ?? 4),
    '00280011': us(slice.columns ?? 5),
    '00280100': us(16),
    '00280101': us(bitsStored),
    '00280103': us(signed ? 1 : 0),
    '00281053': ds([slice.slope ?? 1]),
    '00281052': ds([slice.intercept ?? -1024]),
    '00280002': us(1),
    '00280004': { vr: 'CS', Value: ['MONOCHROME2'] },
    ...(slice.pixels
      ? {
          '7FE00010': {
            vr: 'OW',
            InlineBinary: encodeBase64(
              new Uint8Array(slice.pixels.buffer, slice.pixels.byteOffset, slice.pixels.byteLength),
            ),
          },
        }
      : {}),
  });
}

/** One enhanced multi-frame instance: positions and rescale per frame, the rest shared (C.7.6.16). */
export function enhancedMultiFrame(slices: readonly TestSlice[]): DicomDataset {
  const first = slices[0];
  if (!first) throw new RangeError('no slices');
  const item = (attributes: Record<string, DicomJsonAttribute>): DicomJsonAttribute => ({
    vr: 'SQ',
    Value: [attributes],
  });
  return datasetFromDicomJson({
    '00280008': { vr: 'IS', Value: [slices.length] },
    '00280010': us(first.rows ?? 4),
    '00280011': us(first.columns ?? 5),
    '00280100': us(16),
    '00280101': us(12),
    '00280103': us(0),
    '52009229': item({
      '00209116': item({ '00200037': ds(first.orientation ?? AXIAL) }),
      '00289110': item({ '00280030': ds(first.pixelSpacing ?? [0.8, 0.7]) }),
    }),
    '52009230': {
      vr: 'SQ',
      Value: slices.map((slice) => ({
        '00209113': item({ '00200032': ds(slice.position) }),
        '00289145': item({
          '00281053': ds([slice.slope ?? 1]),
          '00281052': ds([slice.intercept ?? -1024]),
        }),
      })),
    },
  });
}

const A = (20 * Math.PI) / 180;
const B = (30 * Math.PI) / 180;
const OBLIQUE_ROW: Vec3 = [Math.cos(A), Math.sin(A), 0];
const OBLIQUE_COLUMN: Vec3 = [-Math.sin(A) * Math.cos(B), Math.cos(A) * Math.cos(B), Math.sin(B)];
/** An oblique acquisition: rows turned 20° about z, columns then tilted 30° out of the axial plane. */
export const OBLIQUE: readonly number[] = [...OBLIQUE_ROW, ...OBLIQUE_COLUMN];
/** Row × column of OBLIQUE, written out. */
export const OBLIQUE_NORMAL: Vec3 = [
  OBLIQUE_ROW[1] * OBLIQUE_COLUMN[2] - OBLIQUE_ROW[2] * OBLIQUE_COLUMN[1],
  OBLIQUE_ROW[2] * OBLIQUE_COLUMN[0] - OBLIQUE_ROW[0] * OBLIQUE_COLUMN[2],
  OBLIQUE_ROW[0] * OBLIQUE_COLUMN[1] - OBLIQUE_ROW[1] * OBLIQUE_COLUMN[0],
];
