/**
 * Reads a Grayscale Softcopy Presentation State (PS3.3 A.33.1) from any DicomDataset (Part 10 or
 * DICOM JSON) into the plain model of presentation-state-model.ts. Malformed input is a
 * PresentationStateError naming the attribute, never a value read from it.
 */
import type { DicomDataset } from './dataset.js';
import {
  GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_SOP_CLASS_UID,
  PresentationStateError,
  type DisplayedArea,
  type ImageScope,
  type ModalityTransform,
  type PresentationState,
  type ReferencedImage,
  type Shutter,
  type Shutters,
  type SoftcopyVoi,
} from './presentation-state-model.js';
import { readGraphicAnnotations, readGraphicLayers } from './presentation-state-graphics.js';
import * as tags from './tags.generated.js';

export * from './presentation-state-model.js';

/** Whether a data set (e.g. a WADO-RS metadata entry) is a GSPS. */
export function isPresentationState(dataset: DicomDataset): boolean {
  return dataset.string(tags.SOPClassUID) === GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_SOP_CLASS_UID;
}

export function readPresentationState(dataset: DicomDataset): PresentationState {
  if (!isPresentationState(dataset))
    throw new PresentationStateError('Not a Grayscale Softcopy Presentation State (SOP Class UID)');
  const uid = (tag: number, name: string): string => {
    const value = dataset.string(tag);
    if (!value) throw new PresentationStateError(`${name} is missing`);
    return value;
  };
  const referencedImages = readReferencedSeries(dataset);
  const rotation = dataset.number(tags.ImageRotation) ?? 0;
  if (rotation !== 0 && rotation !== 90 && rotation !== 180 && rotation !== 270)
    // PS3.3 C.10.6.1.1: Enumerated Values 0, 90, 180, 270.
    throw new PresentationStateError('Image Rotation (0070,0042) is not 0, 90, 180 or 270');
  const layers = readGraphicLayers(dataset);
  const annotations = readGraphicAnnotations(dataset, layers);
  const optional = <T>(value: T | undefined, key: string): Record<string, T> =>
    value === undefined || value === '' ? {} : { [key]: value };
  const modality = readModality(dataset);
  return {
    sopInstanceUid: uid(tags.SOPInstanceUID, 'SOP Instance UID'),
    seriesInstanceUid: uid(tags.SeriesInstanceUID, 'Series Instance UID'),
    studyInstanceUid: uid(tags.StudyInstanceUID, 'Study Instance UID'),
    ...optional(dataset.number(tags.InstanceNumber), 'instanceNumber'),
    // PS3.3 C.11.10: Content Label is Type 1; an empty one is read as such rather than refused.
    contentLabel: dataset.string(tags.ContentLabel) ?? '',
    ...optional(dataset.string(tags.ContentDescription), 'contentDescription'),
    ...optional(dataset.string(tags.ContentCreatorName), 'creatorName'),
    ...optional(dataset.string(tags.PresentationCreationDate), 'creationDate'),
    ...optional(dataset.string(tags.PresentationCreationTime), 'creationTime'),
    referencedImages,
    ...(modality ? { modality } : {}),
    voi: readScopedItems(dataset, tags.SoftcopyVOILUTSequence).map(
      ({ images, item }): SoftcopyVoi => ({ images, item }),
    ),
    presentationLut: readPresentationLut(dataset),
    rotation,
    // PS3.3 C.10.6.1.2: Y flips horizontally after the rotation.
    flipHorizontal: dataset.string(tags.ImageHorizontalFlip) === 'Y',
    displayedAreas: readScopedItems(dataset, tags.DisplayedAreaSelectionSequence).map(
      ({ images, item }) => readDisplayedArea(images, item),
    ),
    shutters: readShutters(dataset),
    layers,
    annotations,
  };
}

/** Presentation State Relationship (PS3.3 C.11.11): Referenced Series Sequence, Type 1. */
function readReferencedSeries(dataset: DicomDataset): ReferencedImage[] {
  const series = dataset.sequence(tags.ReferencedSeriesSequence);
  if (series.length === 0)
    throw new PresentationStateError('Referenced Series Sequence (0008,1115) is missing or empty');
  const images: ReferencedImage[] = [];
  for (const item of series) {
    const seriesInstanceUid = item.string(tags.SeriesInstanceUID);
    if (!seriesInstanceUid)
      throw new PresentationStateError(
        'A Referenced Series Sequence item has no Series Instance UID',
      );
    for (const entry of readImageScope(item) ?? [])
      images.push({
        seriesInstanceUid,
        sopClassUid: entry.sopClassUid,
        sopInstanceUid: entry.sopInstanceUid,
        ...(entry.frames ? { frames: entry.frames } : {}),
      });
  }
  if (images.length === 0)
    throw new PresentationStateError('Referenced Image Sequence (0008,1140) references no image');
  return images;
}

interface ScopedReference {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly frames?: readonly number[];
}

/** A Referenced Image Sequence as a scope; undefined when the item has none (all images). */
function readImageScope(item: DicomDataset): ScopedReference[] | undefined {
  const references = item.sequence(tags.ReferencedImageSequence);
  if (references.length === 0) return undefined;
  return references.map((reference) => {
    const sopInstanceUid = reference.string(tags.ReferencedSOPInstanceUID);
    if (!sopInstanceUid)
      throw new PresentationStateError(
        'A Referenced Image Sequence item has no Referenced SOP Instance UID',
      );
    const frames = reference.numbers(tags.ReferencedFrameNumber);
    if (frames.some((frame) => !Number.isInteger(frame) || frame < 1))
      throw new PresentationStateError('Referenced Frame Number (0008,1160) is not a frame number');
    return {
      sopClassUid: reference.string(tags.ReferencedSOPClassUID) ?? '',
      sopInstanceUid,
      ...(frames.length > 0 ? { frames } : {}),
    };
  });
}

function readScopedItems(
  dataset: DicomDataset,
  sequence: number,
): { images: ImageScope; item: DicomDataset }[] {
  return dataset.sequence(sequence).map((item) => {
    const scope = readImageScope(item);
    const images: ImageScope = scope?.map((entry) => ({
      sopInstanceUid: entry.sopInstanceUid,
      ...(entry.frames ? { frames: entry.frames } : {}),
    }));
    return { images, item };
  });
}

/** Presentation State's Modality LUT (PS3.3 C.11.1): a table, or Rescale Slope and Intercept. */
function readModality(dataset: DicomDataset): ModalityTransform | undefined {
  const item = dataset.sequence(tags.ModalityLUTSequence)[0];
  if (item) return { kind: 'table', item };
  const slope = dataset.number(tags.RescaleSlope);
  const intercept = dataset.number(tags.RescaleIntercept);
  if (slope === undefined && intercept === undefined) return undefined;
  if (
    slope === undefined ||
    intercept === undefined ||
    !Number.isFinite(slope) ||
    slope === 0 ||
    !Number.isFinite(intercept)
  )
    throw new PresentationStateError(
      'Rescale Slope and Intercept (0028,1053/1052) go together, slope not 0',
    );
  const type = dataset.string(tags.RescaleType);
  return { kind: 'rescale', slope, intercept, ...(type ? { type } : {}) };
}

/** Presentation LUT (PS3.3 C.11.6): a shape, or a table in the Presentation LUT Sequence. */
function readPresentationLut(dataset: DicomDataset): PresentationState['presentationLut'] {
  const item = dataset.sequence(tags.PresentationLUTSequence)[0];
  if (item) return { item };
  const shape = dataset.string(tags.PresentationLUTShape);
  if (shape === undefined || shape === 'IDENTITY') return { shape: 'IDENTITY' };
  if (shape === 'INVERSE') return { shape: 'INVERSE' };
  // PS3.3 C.11.6.1.1: in a presentation state only IDENTITY and INVERSE are defined.
  throw new PresentationStateError('Presentation LUT Shape (2050,0020) is not IDENTITY or INVERSE');
}

function readDisplayedArea(images: ImageScope, item: DicomDataset): DisplayedArea {
  const tl = item.numbers(tags.DisplayedAreaTopLeftHandCorner);
  const br = item.numbers(tags.DisplayedAreaBottomRightHandCorner);
  const [left, top] = tl;
  const [right, bottom] = br;
  if (left === undefined || top === undefined || right === undefined || bottom === undefined)
    throw new PresentationStateError(
      'Displayed Area corners (0070,0052/0053) need two values each',
    );
  const mode = item.string(tags.PresentationSizeMode);
  if (mode !== 'SCALE TO FIT' && mode !== 'TRUE SIZE' && mode !== 'MAGNIFY')
    throw new PresentationStateError(
      'Presentation Size Mode (0070,0100) is not SCALE TO FIT, TRUE SIZE or MAGNIFY',
    );
  const spacing = item.numbers(tags.PresentationPixelSpacing);
  const aspect = item.numbers(tags.PresentationPixelAspectRatio);
  const magnification = item.number(tags.PresentationPixelMagnificationRatio);
  const pair = (values: number[]): readonly [number, number] | undefined =>
    values.length === 2 && values.every((v) => Number.isFinite(v) && v > 0)
      ? [values[0] ?? 1, values[1] ?? 1]
      : undefined;
  const pixelSpacing = pair(spacing);
  // PS3.3 C.10.4.1.1: TRUE SIZE needs the Presentation Pixel Spacing; MAGNIFY its ratio.
  if (mode === 'TRUE SIZE' && pixelSpacing === undefined)
    throw new PresentationStateError('TRUE SIZE needs Presentation Pixel Spacing (0070,0101)');
  if (mode === 'MAGNIFY' && !(magnification !== undefined && magnification > 0))
    throw new PresentationStateError(
      'MAGNIFY needs Presentation Pixel Magnification Ratio (0070,0103)',
    );
  const aspectRatio = pair(aspect);
  return {
    images,
    topLeft: { x: left, y: top },
    bottomRight: { x: right, y: bottom },
    sizeMode: mode,
    ...(pixelSpacing ? { pixelSpacing } : {}),
    ...(aspectRatio ? { aspectRatio } : {}),
    ...(mode === 'MAGNIFY' && magnification !== undefined ? { magnification } : {}),
  };
}

/** Display Shutter module (PS3.3 C.7.6.11): up to three shapes combined, and their grey. */
function readShutters(dataset: DicomDataset): Shutters | undefined {
  const shapes = dataset.strings(tags.ShutterShape);
  if (shapes.length === 0) return undefined;
  const read: Shutter[] = [];
  for (const shape of shapes) {
    if (shape === 'RECTANGULAR') {
      const left = dataset.number(tags.ShutterLeftVerticalEdge);
      const right = dataset.number(tags.ShutterRightVerticalEdge);
      const upper = dataset.number(tags.ShutterUpperHorizontalEdge);
      const lower = dataset.number(tags.ShutterLowerHorizontalEdge);
      if (left === undefined || right === undefined || upper === undefined || lower === undefined)
        throw new PresentationStateError(
          'A RECTANGULAR shutter needs its four edges (0018,1602…1608)',
        );
      read.push({ shape, left, right, upper, lower });
    } else if (shape === 'CIRCULAR') {
      const [centerRow, centerColumn] = dataset.numbers(tags.CenterOfCircularShutter);
      const radius = dataset.number(tags.RadiusOfCircularShutter);
      if (centerRow === undefined || centerColumn === undefined || radius === undefined)
        throw new PresentationStateError(
          'A CIRCULAR shutter needs its centre and radius (0018,1610/1612)',
        );
      read.push({ shape, centerRow, centerColumn, radius });
    } else if (shape === 'POLYGONAL') {
      const values = dataset.numbers(tags.VerticesOfThePolygonalShutter);
      if (values.length < 6 || values.length % 2 !== 0)
        throw new PresentationStateError(
          'A POLYGONAL shutter needs three or more (row, column) vertices (0018,1620)',
        );
      const vertices: { row: number; column: number }[] = [];
      for (let i = 0; i + 1 < values.length; i += 2)
        vertices.push({ row: values[i] ?? 0, column: values[i + 1] ?? 0 });
      read.push({ shape, vertices });
    } else if (shape === 'BITMAP') {
      // Bitmap shutters (C.7.6.15) live in overlay planes, not applied here: ignored, not refused.
    } else {
      throw new PresentationStateError(
        'Shutter Shape (0018,1600) is not RECTANGULAR, CIRCULAR, POLYGONAL or BITMAP',
      );
    }
  }
  if (read.length === 0) return undefined;
  return { shapes: read, presentationValue: dataset.number(tags.ShutterPresentationValue) ?? 0 };
}
