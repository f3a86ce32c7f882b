import type { DicomDataset } from '../../dicom/dataset.js';
import type { ViewportStrings } from '../../i18n/strings.js';
import { invert, type Affine } from '../../render/view-transform.js';
import {
  ImageOrientationPatient,
  PatientOrientation,
  PerFrameFunctionalGroupsSequence,
  PlaneOrientationSequence,
  SharedFunctionalGroupsSequence,
} from '../../dicom/tags.generated.js';

type Vector = readonly [number, number, number];

/**
 * Patient directions at the four edges (PS3.3 C.7.6.2.1.1 Image Orientation (Patient):
 * LPS axes, row then column direction cosines; C.7.6.1.1.1 Patient Orientation for
 * projection images), following the view's rotation and flips.
 */
export function orientationMarkers(
  dataset: DicomDataset,
  frame: number,
  imageToCss: Affine,
  strings: ViewportStrings,
): { top: string; bottom: string; left: string; right: string } | undefined {
  const axes = imageAxes(dataset, frame);
  if (!axes) return undefined;
  const inv = invert(imageToCss);
  const direction = (sx: number, sy: number): string => {
    const ix = inv.a * sx + inv.c * sy;
    const iy = inv.b * sx + inv.d * sy;
    const v: Vector = [0, 1, 2].map(
      (k) => ix * (axes.row[k] ?? 0) + iy * (axes.column[k] ?? 0),
    ) as unknown as Vector;
    return letters(v, strings);
  };
  return {
    right: direction(1, 0),
    left: direction(-1, 0),
    bottom: direction(0, 1),
    top: direction(0, -1),
  };
}

function imageAxes(
  dataset: DicomDataset,
  frame: number,
): { row: Vector; column: Vector } | undefined {
  // Enhanced multi-frame IODs put it in the Plane Orientation functional group (PS3.3 C.7.6.16.2.4).
  const perFrame = dataset.sequence(PerFrameFunctionalGroupsSequence)[frame];
  const shared = dataset.sequence(SharedFunctionalGroupsSequence)[0];
  const iop =
    dataset.numbers(ImageOrientationPatient).length === 6
      ? dataset.numbers(ImageOrientationPatient)
      : (perFrame?.sequence(PlaneOrientationSequence)[0]?.numbers(ImageOrientationPatient) ??
        shared?.sequence(PlaneOrientationSequence)[0]?.numbers(ImageOrientationPatient) ??
        []);
  if (iop.length === 6) {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = iop;
    return { row: [a, b, c], column: [d, e, f] };
  }
  const [row, column] = dataset.strings(PatientOrientation);
  if (!row || !column) return undefined;
  return { row: fromLetters(row), column: fromLetters(column) };
}

const AXIS: Record<string, Vector> = {
  L: [1, 0, 0],
  R: [-1, 0, 0],
  P: [0, 1, 0],
  A: [0, -1, 0],
  H: [0, 0, 1],
  F: [0, 0, -1],
};

function fromLetters(text: string): Vector {
  const v = [0, 0, 0];
  for (const ch of text.toUpperCase()) {
    const axis = AXIS[ch];
    if (axis) for (let k = 0; k < 3; k++) v[k] = (v[k] ?? 0) + (axis[k] ?? 0);
  }
  return [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0];
}

/** Up to two letters, strongest component first; components under ~17° off-axis are ignored. */
export function letters(v: Vector, strings: ViewportStrings): string {
  const length = Math.hypot(...v) || 1;
  const parts: { weight: number; letter: string }[] = [];
  const names: [keyof ViewportStrings['orientation'], keyof ViewportStrings['orientation']][] = [
    ['L', 'R'],
    ['P', 'A'],
    ['H', 'F'],
  ];
  names.forEach(([positive, negative], k) => {
    const value = (v[k] ?? 0) / length;
    if (Math.abs(value) > 0.3)
      parts.push({
        weight: Math.abs(value),
        letter: strings.orientation[value > 0 ? positive : negative],
      });
  });
  return parts
    .sort((x, y) => y.weight - x.weight)
    .slice(0, 2)
    .map((p) => p.letter)
    .join('');
}
