/**
 * What a change in one cell does to the cells linked to it (hanging protocol link groups, each
 * toggleable): scroll by patient position, zoom and pan, window.
 */
import type { DicomDataset } from '../../dicom/dataset.js';
import type { CellLinks } from '../../hanging-protocols/viewer-cell-state.js';
import { nearestSlice, type Registration, type SlicePlane } from '../../sync/slice-position.js';
import { linkPanZoom, linkVoi, type PanZoom, type VoiWindow } from '../../sync/view-link.js';
import {
  Columns,
  FrameOfReferenceUID,
  ImageOrientationPatient,
  ImagePositionPatient,
  Modality,
  NumberOfFrames,
  PixelSpacing,
  Rows,
} from '../../dicom/tags.generated.js';

export type LinkKind = keyof CellLinks;

export interface LinkToggles {
  readonly position: boolean;
  readonly zoomPan: boolean;
  readonly voi: boolean;
}

const tag = {
  imagePosition: ImagePositionPatient,
  imageOrientation: ImageOrientationPatient,
  frameOfReference: FrameOfReferenceUID,
  rows: Rows,
  columns: Columns,
  pixelSpacing: PixelSpacing,
  numberOfFrames: NumberOfFrames,
  modality: Modality,
} as const;

/** PS3.3 C.7.6.2 Image Plane Module of a single-frame image; undefined without one. */
export function planeOf(dataset: DicomDataset): SlicePlane | undefined {
  const position = dataset.numbers(tag.imagePosition);
  const orientation = dataset.numbers(tag.imageOrientation);
  if (position.length !== 3 || orientation.length !== 6) return undefined;
  if ((dataset.number(tag.numberOfFrames) ?? 1) > 1) return undefined;
  const spacing = dataset.numbers(tag.pixelSpacing);
  return {
    imagePositionPatient: [position[0] ?? 0, position[1] ?? 0, position[2] ?? 0],
    imageOrientationPatient: [
      orientation[0] ?? 0,
      orientation[1] ?? 0,
      orientation[2] ?? 0,
      orientation[3] ?? 0,
      orientation[4] ?? 0,
      orientation[5] ?? 0,
    ],
    frameOfReferenceUid: dataset.string(tag.frameOfReference),
    rows: dataset.number(tag.rows),
    columns: dataset.number(tag.columns),
    pixelSpacing: spacing.length === 2 ? [spacing[0] ?? 1, spacing[1] ?? 1] : undefined,
  };
}

/** The target stack index showing the slice nearest the source image; undefined when unknowable. */
export function linkedSliceIndex(
  source: DicomDataset | undefined,
  target: readonly DicomDataset[],
  registration?: Registration,
): number | undefined {
  const plane = source === undefined ? undefined : planeOf(source);
  if (plane === undefined) return undefined;
  const planes = target.map(planeOf);
  if (planes.some((item) => item === undefined)) return undefined;
  return nearestSlice(plane, planes as SlicePlane[], registration ? { registration } : {})?.index;
}

/** A linked cell's zoom and pan after the source moved from `before` to `after`. */
export function linkedPanZoom(
  before: PanZoom,
  after: PanZoom,
  target: PanZoom,
  mirrored: boolean,
): PanZoom {
  return linkPanZoom(before, after, target, { mirrorHorizontal: mirrored });
}

/**
 * The window for a linked cell: CT values are calibrated (Hounsfield units, PS3.3 C.11.1), so
 * the window is copied; elsewhere it moves relative to each image's own default.
 */
export function linkedVoi(
  source: VoiWindow,
  sourceDataset: DicomDataset | undefined,
  sourceDefault: VoiWindow | undefined,
  targetDefault: VoiWindow | undefined,
): VoiWindow {
  const calibrated = sourceDataset?.string(tag.modality)?.toUpperCase() === 'CT';
  return linkVoi(source, calibrated ? 'absolute' : 'relative', sourceDefault, targetDefault);
}

/** The other cells in the same group of this kind (none when the toggle is off). */
export function linkedPeers<T extends { readonly id: number; readonly links: CellLinks }>(
  cells: readonly T[],
  source: T,
  kind: LinkKind,
  toggles: LinkToggles,
): T[] {
  const group = source.links[kind];
  if (group === undefined || !toggles[kind]) return [];
  // By id: a cell's data object is replaced whenever its state (progress …) changes.
  return cells.filter((cell) => cell.id !== source.id && cell.links[kind] === group);
}
