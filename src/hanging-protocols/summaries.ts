/**
 * Plain descriptions of a patient's studies, as hanging protocols read them. They come from
 * DICOM data sets ({@link describeInstance}) or from QIDO-RS results; nothing here holds pixels.
 */

/** Image Laterality (0020,0062) / Laterality (0020,0060): R, L, B (both) or U (unpaired). */
export type Laterality = 'R' | 'L' | 'B' | 'U';

/** Pixel spacing in mm: `row` between rows (vertical), `column` between columns (horizontal). */
export interface SpacingMm {
  readonly row: number;
  readonly column: number;
}

export interface InstanceSummary {
  readonly sopInstanceUid: string;
  readonly sopClassUid?: string | undefined;
  readonly instanceNumber?: number | undefined;
  readonly frameCount?: number | undefined;
  readonly rows?: number | undefined;
  readonly columns?: number | undefined;
  readonly laterality?: Laterality | undefined;
  /** Normalised projection: 'CC', 'MLO', 'ML', 'LM', 'XCCL', … (from View Code Sequence or View Position). */
  readonly viewPosition?: string | undefined;
  /** Code meanings of View Modifier Code Sequence (0054,0222): spot compression, magnification … */
  readonly viewModifiers?: readonly string[] | undefined;
  /** Patient Orientation (0020,0020): [row direction, column direction], e.g. ['P', 'L']. */
  readonly patientOrientation?: readonly [string, string] | undefined;
  readonly presentationIntent?: 'FOR PRESENTATION' | 'FOR PROCESSING' | undefined;
  /** mm per pixel in the patient: Pixel Spacing, or Imager Pixel Spacing ÷ magnification. */
  readonly spacingMm?: SpacingMm | undefined;
  readonly imagePositionPatient?: readonly [number, number, number] | undefined;
  readonly imageOrientationPatient?:
    readonly [number, number, number, number, number, number] | undefined;
  readonly frameOfReferenceUid?: string | undefined;
}

export interface SeriesSummary {
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly bodyPartExamined?: string | undefined;
  readonly seriesDescription?: string | undefined;
  readonly seriesNumber?: number | undefined;
  readonly instances: readonly InstanceSummary[];
}

export interface StudySummary {
  readonly studyInstanceUid: string;
  /** DICOM DA, YYYYMMDD. */
  readonly studyDate?: string | undefined;
  /** DICOM TM, HHMMSS[.F]. */
  readonly studyTime?: string | undefined;
  readonly studyDescription?: string | undefined;
  readonly series: readonly SeriesSummary[];
}

/** YYYYMMDDHHMMSS for ordering studies in time; '' when the study has no valid date. */
export function studyDateTimeKey(study: StudySummary): string {
  const date = study.studyDate?.trim() ?? '';
  if (!/^\d{8}$/.test(date)) return '';
  return date + (study.studyTime ?? '').replace(/\D/g, '').slice(0, 6).padEnd(6, '0');
}

/** Whole days from `prior` to `current` (by study date), undefined when a date is missing. */
export function studyAgeDays(current: StudySummary, prior: StudySummary): number | undefined {
  const toUtc = (date: string | undefined): number | undefined => {
    if (date === undefined || !/^\d{8}$/.test(date)) return undefined;
    return Date.UTC(
      Number(date.slice(0, 4)),
      Number(date.slice(4, 6)) - 1,
      Number(date.slice(6, 8)),
    );
  };
  const a = toUtc(current.studyDate);
  const b = toUtc(prior.studyDate);
  return a === undefined || b === undefined ? undefined : Math.round((a - b) / 86_400_000);
}
