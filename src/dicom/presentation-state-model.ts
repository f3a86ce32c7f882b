/**
 * A Grayscale Softcopy Presentation State (PS3.3 A.33.1) as plain data: which images it applies
 * to and how each is to be shown (PS3.4 N.2: Modality LUT → VOI LUT → Presentation LUT, then
 * shutters, spatial transformation, displayed area and annotations). Read by
 * `readPresentationState`, applied by `<cb-viewport>`'s `presentationState` property, written by
 * `createPresentationState`.
 *
 * Coordinates: PIXEL units are the standard's sub-pixel image coordinates (PS3.3 C.10.5.1.2:
 * 0,0 is the top left corner of the top left pixel, Columns,Rows the bottom right corner of the
 * last one), given here as x (column) then y (row). DISPLAY units are fractions of the displayed
 * area after the spatial transformation (0,0 top left, 1,1 bottom right).
 */
import type { DicomDataset } from './dataset.js';
import { CourbarilError } from './errors.js';

export const GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.11.1';

/** A GSPS we cannot read: wrong class, a required module missing, malformed graphics. */
export class PresentationStateError extends CourbarilError {
  override name = 'PresentationStateError';
}

/** Which images an item applies to; undefined = every image the presentation state references. */
export type ImageScope = readonly ImageScopeEntry[] | undefined;

export interface ImageScopeEntry {
  readonly sopInstanceUid: string;
  /** 1-based frame numbers (Referenced Frame Number); absent = every frame. */
  readonly frames?: readonly number[];
}

export interface ReferencedImage extends ImageScopeEntry {
  readonly seriesInstanceUid: string;
  readonly sopClassUid: string;
}

export type AnnotationUnits = 'PIXEL' | 'DISPLAY';

export interface Point2 {
  readonly x: number;
  readonly y: number;
}

/** A Graphic Object Sequence item (PS3.3 C.10.5.1.2). */
export interface GraphicObject {
  readonly units: AnnotationUnits;
  readonly type: 'POINT' | 'POLYLINE' | 'INTERPOLATED' | 'CIRCLE' | 'ELLIPSE';
  readonly points: readonly Point2[];
  readonly filled: boolean;
}

/** A Text Object Sequence item (PS3.3 C.10.5.1.1): a bounding box, an anchor point, or both. */
export interface TextObject {
  readonly text: string;
  readonly boundingBox?: {
    readonly units: AnnotationUnits;
    readonly topLeft: Point2;
    readonly bottomRight: Point2;
    readonly justification: 'LEFT' | 'RIGHT' | 'CENTER';
  };
  readonly anchor?: {
    readonly units: AnnotationUnits;
    readonly point: Point2;
    readonly visible: boolean;
  };
}

/** A Graphic Annotation Sequence item: graphics and text on one layer, for some images. */
export interface GraphicAnnotation {
  readonly layer: string;
  readonly images: ImageScope;
  readonly graphics: readonly GraphicObject[];
  readonly texts: readonly TextObject[];
}

/** A Graphic Layer Sequence item (PS3.3 C.10.7): lower order is drawn first (underneath). */
export interface GraphicLayer {
  readonly name: string;
  readonly order: number;
  /** Recommended Display Grayscale Value, 0 … 0xFFFF P-Value. */
  readonly grayscale?: number;
  /** Recommended Display CIELab Value as scaled in DICOM (0 … 0xFFFF for L*, a*, b*). */
  readonly cielab?: readonly [number, number, number];
  readonly description?: string;
}

/** A Softcopy VOI LUT Sequence item (PS3.3 C.11.8): windows and/or a VOI LUT Sequence. */
export interface SoftcopyVoi {
  readonly images: ImageScope;
  /** The item itself: Window Center/Width, VOI LUT Function, VOI LUT Sequence (read by render/). */
  readonly item: DicomDataset;
}

/** A Displayed Area Selection Sequence item (PS3.3 C.10.4), corners 1-based pixel numbers. */
export interface DisplayedArea {
  readonly images: ImageScope;
  readonly topLeft: Point2;
  readonly bottomRight: Point2;
  readonly sizeMode: 'SCALE TO FIT' | 'TRUE SIZE' | 'MAGNIFY';
  /** Presentation Pixel Spacing, mm: [row spacing, column spacing]. */
  readonly pixelSpacing?: readonly [number, number];
  readonly aspectRatio?: readonly [number, number];
  readonly magnification?: number;
}

export type Shutter =
  | {
      readonly shape: 'RECTANGULAR';
      readonly left: number;
      readonly right: number;
      readonly upper: number;
      readonly lower: number;
    }
  | {
      readonly shape: 'CIRCULAR';
      readonly centerRow: number;
      readonly centerColumn: number;
      readonly radius: number;
    }
  /** Vertices as 1-based (row, column) pairs, PS3.3 C.7.6.11.1.1. */
  | { readonly shape: 'POLYGONAL'; readonly vertices: readonly { row: number; column: number }[] };

export interface Shutters {
  readonly shapes: readonly Shutter[];
  /** Shutter Presentation Value (0018,1622), a P-Value 0 … 0xFFFF; 0 (black) when absent. */
  readonly presentationValue: number;
}

export type ModalityTransform =
  | {
      readonly kind: 'rescale';
      readonly slope: number;
      readonly intercept: number;
      readonly type?: string;
    }
  | { readonly kind: 'table'; readonly item: DicomDataset };

export interface PresentationState {
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly instanceNumber?: number;
  readonly contentLabel: string;
  readonly contentDescription?: string;
  readonly creatorName?: string;
  /** Presentation Creation Date and Time, as written (DA, TM). */
  readonly creationDate?: string;
  readonly creationTime?: string;
  readonly referencedImages: readonly ReferencedImage[];
  /** Undefined: the images' own Modality LUT stays (the module is absent). */
  readonly modality?: ModalityTransform;
  readonly voi: readonly SoftcopyVoi[];
  /** INVERSE or IDENTITY shape; a Presentation LUT Sequence table is read as its item. */
  readonly presentationLut:
    { readonly shape: 'IDENTITY' | 'INVERSE' } | { readonly item: DicomDataset };
  readonly rotation: 0 | 90 | 180 | 270;
  readonly flipHorizontal: boolean;
  readonly displayedAreas: readonly DisplayedArea[];
  readonly shutters: Shutters | undefined;
  readonly layers: readonly GraphicLayer[];
  readonly annotations: readonly GraphicAnnotation[];
}

/** Whether an item scoped to `images` applies to this image and frame (1-based). */
export function inScope(images: ImageScope, sopInstanceUid: string, frame: number): boolean {
  if (images === undefined) return true;
  return images.some(
    (entry) =>
      entry.sopInstanceUid === sopInstanceUid &&
      (entry.frames === undefined || entry.frames.length === 0 || entry.frames.includes(frame)),
  );
}

/** Whether the presentation state references this image and frame at all. */
export function appliesTo(
  state: PresentationState,
  sopInstanceUid: string,
  frame: number,
): boolean {
  return inScope(state.referencedImages, sopInstanceUid, frame);
}
