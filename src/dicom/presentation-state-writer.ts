/**
 * Writes a reader's marks as a Grayscale Softcopy Presentation State (PS3.3 A.33.1) so any viewer
 * shows them: one graphic layer, one Graphic Annotation item per marked image (PIXEL units),
 * that image's whole area SCALE TO FIT, the Presentation LUT shape, and the reader's window as a
 * Softcopy VOI LUT when given. The result is an ordinary DicomDataset: `writePart10` makes the
 * file for STOW-RS, `readPresentationState` reads it back.
 */
import type { DicomDataset } from './dataset.js';
import { datasetToDicomJson } from './dicom-json-writer.js';
import { datasetFromDicomJson, type JsonDataset } from './json-dataset.js';
import { dicomJsonKey } from './json-keys.js';
import {
  GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_SOP_CLASS_UID,
  PresentationStateError,
} from './presentation-state-model.js';
import { dicomDate, dicomTime, patientStudyJson, type Json } from './sr-json-builder.js';
import * as tags from './tags.generated.js';
import { createUid, isDicomUid } from './uid.js';

/** A mark on one image, as the reading form keeps them; points are (column, row) PIXEL coordinates. */
export interface PresentationStateMark {
  readonly image: {
    readonly seriesInstanceUid: string;
    readonly sopClassUid: string;
    readonly sopInstanceUid: string;
    /** 1-based frame of a multi-frame image. */
    readonly frame?: number;
  };
  /** point: 1 point; ellipse: major then minor axis end points (4); polyline: 2 or more; circle: centre, edge. */
  readonly shape: 'point' | 'ellipse' | 'polyline' | 'circle';
  readonly points: readonly (readonly [number, number])[];
  /** Written as a text annotation anchored at the mark's first point. */
  readonly label?: string;
}

export interface PresentationStateObserver {
  /** Content Creator's Name (0070,0084), `FAMILY^Given`. */
  readonly name: string;
}

export interface PresentationStateOptions {
  /** Content Label (0070,0080): a CS value, upper case, ≤ 16 characters. Default "READER MARKS". */
  readonly contentLabel?: string;
  readonly contentDescription?: string;
  /** The window the reader used, written as the Softcopy VOI LUT of every marked image. */
  readonly voi?: {
    readonly windowCenter: number;
    readonly windowWidth: number;
    readonly function?: 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';
  };
  readonly seriesInstanceUid?: string;
  readonly sopInstanceUid?: string;
  readonly seriesNumber?: number;
  readonly instanceNumber?: number;
  readonly creationDateTime?: Date;
}

const LAYER = 'READER MARKS';
const GRAPHIC_TYPE = {
  point: 'POINT',
  ellipse: 'ELLIPSE',
  polyline: 'POLYLINE',
  circle: 'CIRCLE',
} as const;
const POINTS = { point: 1, ellipse: 4, circle: 2 } as const;

/**
 * `images`: the data sets (e.g. WADO-RS metadata) of the marked images; the first gives the
 * Patient and Study modules, each gives its Rows and Columns for the displayed area.
 */
export function createPresentationState(
  marks: readonly PresentationStateMark[],
  images: DicomDataset | readonly DicomDataset[],
  observer?: PresentationStateObserver,
  options: PresentationStateOptions = {},
): JsonDataset {
  const all: readonly DicomDataset[] = Array.isArray(images) ? images : [images as DicomDataset];
  if (marks.length === 0)
    throw new PresentationStateError('A presentation state needs at least one mark');
  const first = all[0];
  if (!first) throw new PresentationStateError('No image data set given');
  const byUid = new Map(all.map((image) => [image.string(tags.SOPInstanceUID) ?? '', image]));
  const label = options.contentLabel ?? LAYER;
  // PS3.5 6.2: CS is upper case letters, digits, space and underscore, 16 characters at most.
  if (!/^[A-Z0-9 _]{1,16}$/.test(label))
    throw new PresentationStateError('Content Label must be a CS value (A–Z, 0–9, space, _; ≤ 16)');
  for (const mark of marks) checkMark(mark, byUid);
  const now = options.creationDateTime ?? new Date();
  const json: Json = patientStudyJson(first);
  if (json[dicomJsonKey(tags.StudyInstanceUID)]?.Value === undefined)
    throw new PresentationStateError('The image has no Study Instance UID');
  const set = (tag: number, vr: string, ...values: unknown[]): void => {
    json[dicomJsonKey(tag)] = values.length > 0 ? { vr, Value: values } : { vr };
  };
  // SOP Common (C.12.1).
  set(tags.SpecificCharacterSet, 'CS', 'ISO_IR 192');
  set(tags.SOPClassUID, 'UI', GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_SOP_CLASS_UID);
  set(tags.SOPInstanceUID, 'UI', options.sopInstanceUid ?? createUid());
  set(tags.InstanceCreationDate, 'DA', dicomDate(now));
  set(tags.InstanceCreationTime, 'TM', dicomTime(now));
  // General Series (C.7.3.1), Presentation Series (C.11.9), General Equipment (C.7.5.1).
  set(tags.Modality, 'CS', 'PR');
  set(tags.SeriesInstanceUID, 'UI', options.seriesInstanceUid ?? createUid());
  set(tags.SeriesNumber, 'IS', options.seriesNumber ?? 1);
  // C.7.3.1 Laterality is 2C (paired body parts): the marked images' side when they share one.
  const sides = new Set(
    all.map((image) => image.string(tags.ImageLaterality) ?? image.string(tags.Laterality)),
  );
  const [side] = sides;
  if (sides.size === 1 && (side === 'L' || side === 'R')) set(tags.Laterality, 'CS', side);
  else set(tags.Laterality, 'CS');
  set(tags.Manufacturer, 'LO', 'Courbaril');
  // Presentation State Identification (C.11.10).
  set(tags.InstanceNumber, 'IS', options.instanceNumber ?? 1);
  set(tags.ContentLabel, 'CS', label);
  if (options.contentDescription !== undefined)
    set(tags.ContentDescription, 'LO', options.contentDescription);
  else set(tags.ContentDescription, 'LO');
  set(tags.PresentationCreationDate, 'DA', dicomDate(now));
  set(tags.PresentationCreationTime, 'TM', dicomTime(now));
  if (observer) set(tags.ContentCreatorName, 'PN', { Alphabetic: observer.name });
  else set(tags.ContentCreatorName, 'PN');
  const referenced = uniqueImages(marks);
  // Presentation State Relationship (C.11.11).
  set(tags.ReferencedSeriesSequence, 'SQ', ...seriesItems(referenced));
  // Displayed Area (C.10.4): each marked image whole, fitted.
  set(
    tags.DisplayedAreaSelectionSequence,
    'SQ',
    ...referenced.map((image) => displayedAreaItem(image, byUid.get(image.sopInstanceUid))),
  );
  // Graphic Annotation (C.10.5) and Graphic Layer (C.10.7).
  set(
    tags.GraphicAnnotationSequence,
    'SQ',
    ...referenced.map((image) =>
      annotationItem(
        image,
        marks.filter((mark) => sameImage(mark.image, image)),
      ),
    ),
  );
  set(tags.GraphicLayerSequence, 'SQ', {
    [dicomJsonKey(tags.GraphicLayer)]: { vr: 'CS', Value: [LAYER] },
    [dicomJsonKey(tags.GraphicLayerOrder)]: { vr: 'IS', Value: [1] },
    // A yellow recommended colour (CIELab scaled per C.10.7.1.1) and a light grey for grey displays.
    [dicomJsonKey(tags.GraphicLayerRecommendedDisplayGrayscaleValue)]: {
      vr: 'US',
      Value: [0xe000],
    },
    [dicomJsonKey(tags.GraphicLayerRecommendedDisplayCIELabValue)]: {
      vr: 'US',
      Value: [0xe666, 0x7f7f, 0xf0f0],
    },
    [dicomJsonKey(tags.GraphicLayerDescription)]: { vr: 'LO', Value: ["Reader's marks"] },
  });
  // Modality LUT (C.11.1): required when the images rescale (A.33.1.3); taken from the first marked image.
  const rescaled = byUid.get(referenced[0]?.sopInstanceUid ?? '') ?? first;
  const slope = rescaled.number(tags.RescaleSlope);
  const intercept = rescaled.number(tags.RescaleIntercept);
  if (slope !== undefined && intercept !== undefined) {
    set(tags.RescaleIntercept, 'DS', intercept);
    set(tags.RescaleSlope, 'DS', slope);
    set(tags.RescaleType, 'LO', rescaled.string(tags.RescaleType) ?? 'US');
  } else if (rescaled.sequence(tags.ModalityLUTSequence).length > 0) {
    const copied = datasetToDicomJson(rescaled)[dicomJsonKey(tags.ModalityLUTSequence)];
    if (copied) json[dicomJsonKey(tags.ModalityLUTSequence)] = copied;
  }
  // Softcopy VOI LUT (C.11.8).
  if (options.voi) {
    if (!(options.voi.windowWidth > 0) || !Number.isFinite(options.voi.windowCenter))
      throw new PresentationStateError('The window needs a finite centre and a width above 0');
    set(tags.SoftcopyVOILUTSequence, 'SQ', {
      [dicomJsonKey(tags.ReferencedImageSequence)]: { vr: 'SQ', Value: referenced.map(imageItem) },
      [dicomJsonKey(tags.WindowCenter)]: { vr: 'DS', Value: [round(options.voi.windowCenter)] },
      [dicomJsonKey(tags.WindowWidth)]: { vr: 'DS', Value: [round(options.voi.windowWidth)] },
      ...(options.voi.function && options.voi.function !== 'LINEAR'
        ? { [dicomJsonKey(tags.VOILUTFunction)]: { vr: 'CS', Value: [options.voi.function] } }
        : {}),
    });
  }
  // Softcopy Presentation LUT (C.11.6): MONOCHROME1 images need INVERSE to keep their look (C.11.6.1).
  const monochrome1 = referenced.every(
    (image) =>
      byUid.get(image.sopInstanceUid)?.string(tags.PhotometricInterpretation) === 'MONOCHROME1',
  );
  set(tags.PresentationLUTShape, 'CS', monochrome1 ? 'INVERSE' : 'IDENTITY');
  return datasetFromDicomJson(json);
}

type MarkedImage = PresentationStateMark['image'];

function checkMark(mark: PresentationStateMark, byUid: ReadonlyMap<string, DicomDataset>): void {
  const { image } = mark;
  if (![image.seriesInstanceUid, image.sopClassUid, image.sopInstanceUid].every(isDicomUid))
    throw new PresentationStateError('A mark references a malformed UID');
  if (!byUid.has(image.sopInstanceUid))
    throw new PresentationStateError('A mark is on an image whose data set was not given');
  const needed = mark.shape === 'polyline' ? undefined : POINTS[mark.shape];
  const count = mark.points.length;
  if (needed !== undefined ? count !== needed : count < 2)
    throw new PresentationStateError(`A ${mark.shape} mark has the wrong number of points`);
  if (mark.points.some((point) => !point.every((v) => Number.isFinite(v))))
    throw new PresentationStateError('A mark has a coordinate that is not a number');
}

function sameImage(a: MarkedImage, b: MarkedImage): boolean {
  return a.sopInstanceUid === b.sopInstanceUid && a.frame === b.frame;
}

function uniqueImages(marks: readonly PresentationStateMark[]): MarkedImage[] {
  const images: MarkedImage[] = [];
  for (const mark of marks)
    if (!images.some((known) => sameImage(known, mark.image))) images.push(mark.image);
  return images;
}

function imageItem(image: MarkedImage): Json {
  return {
    [dicomJsonKey(tags.ReferencedSOPClassUID)]: { vr: 'UI', Value: [image.sopClassUid] },
    [dicomJsonKey(tags.ReferencedSOPInstanceUID)]: { vr: 'UI', Value: [image.sopInstanceUid] },
    ...(image.frame !== undefined
      ? { [dicomJsonKey(tags.ReferencedFrameNumber)]: { vr: 'IS', Value: [image.frame] } }
      : {}),
  };
}

function seriesItems(images: readonly MarkedImage[]): Json[] {
  const series = new Map<string, MarkedImage[]>();
  for (const image of images)
    series.set(image.seriesInstanceUid, [...(series.get(image.seriesInstanceUid) ?? []), image]);
  return [...series].map(([uid, members]) => ({
    [dicomJsonKey(tags.SeriesInstanceUID)]: { vr: 'UI', Value: [uid] },
    [dicomJsonKey(tags.ReferencedImageSequence)]: { vr: 'SQ', Value: members.map(imageItem) },
  }));
}

function displayedAreaItem(image: MarkedImage, dataset: DicomDataset | undefined): Json {
  const columns = dataset?.number(tags.Columns);
  const rows = dataset?.number(tags.Rows);
  if (columns === undefined || rows === undefined)
    throw new PresentationStateError('A marked image has no Rows and Columns');
  const spacing = dataset?.numbers(tags.PixelSpacing) ?? [];
  const imager = dataset?.numbers(tags.ImagerPixelSpacing) ?? [];
  const pair = spacing.length === 2 ? spacing : imager.length === 2 ? imager : undefined;
  return {
    [dicomJsonKey(tags.ReferencedImageSequence)]: { vr: 'SQ', Value: [imageItem(image)] },
    [dicomJsonKey(tags.DisplayedAreaTopLeftHandCorner)]: { vr: 'SL', Value: [1, 1] },
    [dicomJsonKey(tags.DisplayedAreaBottomRightHandCorner)]: { vr: 'SL', Value: [columns, rows] },
    [dicomJsonKey(tags.PresentationSizeMode)]: { vr: 'CS', Value: ['SCALE TO FIT'] },
    // C.10.4: Presentation Pixel Spacing, else the aspect ratio, is required.
    ...(pair
      ? { [dicomJsonKey(tags.PresentationPixelSpacing)]: { vr: 'DS', Value: pair } }
      : { [dicomJsonKey(tags.PresentationPixelAspectRatio)]: { vr: 'IS', Value: [1, 1] } }),
  };
}

function annotationItem(image: MarkedImage, marks: readonly PresentationStateMark[]): Json {
  const graphics = marks.map((mark) => ({
    [dicomJsonKey(tags.GraphicAnnotationUnits)]: { vr: 'CS', Value: ['PIXEL'] },
    [dicomJsonKey(tags.GraphicDimensions)]: { vr: 'US', Value: [2] },
    [dicomJsonKey(tags.NumberOfGraphicPoints)]: { vr: 'US', Value: [mark.points.length] },
    [dicomJsonKey(tags.GraphicData)]: { vr: 'FL', Value: mark.points.flatMap(([x, y]) => [x, y]) },
    [dicomJsonKey(tags.GraphicType)]: { vr: 'CS', Value: [GRAPHIC_TYPE[mark.shape]] },
    // C.10.5.1.2: Graphic Filled is required for closed shapes (circle, ellipse, closed polylines).
    [dicomJsonKey(tags.GraphicFilled)]: { vr: 'CS', Value: ['N'] },
  }));
  const texts = marks.flatMap((mark) => {
    const [x, y] = mark.points[0] ?? [0, 0];
    return mark.label === undefined || mark.label === ''
      ? []
      : [
          {
            [dicomJsonKey(tags.UnformattedTextValue)]: { vr: 'ST', Value: [mark.label] },
            [dicomJsonKey(tags.AnchorPointAnnotationUnits)]: { vr: 'CS', Value: ['PIXEL'] },
            [dicomJsonKey(tags.AnchorPoint)]: { vr: 'FL', Value: [x, y] },
            [dicomJsonKey(tags.AnchorPointVisibility)]: { vr: 'CS', Value: ['N'] },
          },
        ];
  });
  return {
    [dicomJsonKey(tags.ReferencedImageSequence)]: { vr: 'SQ', Value: [imageItem(image)] },
    [dicomJsonKey(tags.GraphicLayer)]: { vr: 'CS', Value: [LAYER] },
    [dicomJsonKey(tags.GraphicObjectSequence)]: { vr: 'SQ', Value: graphics },
    ...(texts.length > 0
      ? { [dicomJsonKey(tags.TextObjectSequence)]: { vr: 'SQ', Value: texts } }
      : {}),
  };
}

/** DS holds 16 characters (PS3.5 6.2). */
function round(value: number): number {
  return Number(value.toPrecision(10));
}
