/**
 * A screening mammography reading as plain data: what one reader decided about one study, per
 * breast and per view. The Breast Imaging Report writer (breast-imaging-report-writer.ts) turns it
 * into a DICOM SR following TID 4200, the reader (breast-imaging-report-reader.ts) gives it back
 * from ours or another writer's TID 4200 document. No names here: the observer is in the SR only.
 */

export type Breast = 'right' | 'left';

/** ACR (BI-RADS) assessment categories used in screening (CID 6027 rows 0–5). */
export type AcrCategory = 0 | 1 | 2 | 3 | 4 | 5;
export const ACR_CATEGORIES: readonly AcrCategory[] = [0, 1, 2, 3, 4, 5];

/** Breast composition A–D (BI-RADS 5th edition, CID 6001). */
export type BreastComposition = 'A' | 'B' | 'C' | 'D';
export const BREAST_COMPOSITIONS: readonly BreastComposition[] = ['A', 'B', 'C', 'D'];

/** Why a view is technically insufficient (each maps onto a CID 6041 code). */
export type QualityReason =
  'positioning' | 'compression' | 'exposure' | 'motion' | 'artefact' | 'missing-view';
export const QUALITY_REASONS: readonly QualityReason[] = [
  'positioning',
  'compression',
  'exposure',
  'motion',
  'artefact',
  'missing-view',
];

export type FindingType = 'mass' | 'calcifications' | 'architectural-distortion' | 'asymmetry';
export const FINDING_TYPES: readonly FindingType[] = [
  'mass',
  'calcifications',
  'architectural-distortion',
  'asymmetry',
];

/** Quadrant of the breast (CID 6021). */
export type Quadrant = 'upper-outer' | 'upper-inner' | 'lower-outer' | 'lower-inner';
export const QUADRANTS: readonly Quadrant[] = [
  'upper-outer',
  'upper-inner',
  'lower-outer',
  'lower-inner',
];

/** Clock-face position 1–12 (CID 6019, "n o'clock position"). */
export type ClockPosition = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;

/** What the reading leads to for the woman. */
export type ReadingOutcome = 'normal' | 'recall-imaging' | 'recall-technical';
export const READING_OUTCOMES: readonly ReadingOutcome[] = [
  'normal',
  'recall-imaging',
  'recall-technical',
];

/** One image of the study (an instance, or a frame of a multi-frame instance, 1-based). */
export interface ImageReference {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly frame?: number;
}

/** One acquired view and its technical quality as the reader judged it. */
export interface ViewQuality {
  readonly image: ImageReference;
  readonly breast: Breast;
  /** View Position (0018,5101) as the image says, e.g. "CC", "MLO". */
  readonly viewPosition: string;
  readonly quality: 'adequate' | 'insufficient';
  /** Empty when adequate. */
  readonly reasons: readonly QualityReason[];
}

/**
 * A mark on one view, in image pixel coordinates (PS3.3 C.18.6.1.1: column then row, sub-pixel,
 * (0,0) the top-left corner of the top-left pixel). A point is one (column, row); an ellipse
 * four, the major axis' end points then the minor axis' (C.18.6.1.2).
 */
export interface FindingMark {
  readonly image: ImageReference;
  readonly shape: 'point' | 'ellipse';
  readonly points: readonly (readonly [number, number])[];
}

export interface BreastFinding {
  readonly type: FindingType;
  readonly breast: Breast;
  readonly quadrant?: Quadrant;
  readonly clock?: ClockPosition;
  readonly marks: readonly FindingMark[];
}

export interface BreastAssessment {
  readonly acr?: AcrCategory;
  readonly composition?: BreastComposition;
}

/** One reader's reading of one study. */
export interface ScreeningReading {
  readonly studyInstanceUid: string;
  readonly right: BreastAssessment;
  readonly left: BreastAssessment;
  readonly views: readonly ViewQuality[];
  readonly findings: readonly BreastFinding[];
  /** Free text, kept as text (never markup). */
  readonly text: string;
  readonly outcome?: ReadingOutcome;
}

/** A reading read back from a stored report, with where it came from. */
export interface StoredScreeningReading extends ScreeningReading {
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** Content Date and Time (DA, TM) as written. */
  readonly contentDate: string | undefined;
  readonly contentTime: string | undefined;
}

export const BREASTS: readonly Breast[] = ['right', 'left'];
