/** The reading form's state while the reader types, and the codes its event carries. */
import { ACR_ASSESSMENTS, COMPOSITIONS, OUTCOME_CODES } from '../../dicom/breast-imaging-codes.js';
import type {
  AcrCategory,
  Breast,
  BreastComposition,
  BreastFinding,
  QualityReason,
  ReadingOutcome,
  ScreeningReading,
} from '../../dicom/breast-reading.js';
import type { ReadingObserver } from '../../dicom/breast-imaging-report-writer.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import type { RequestHeadersInit } from '../../session/viewer-config.js';
import type { ReadingSubmittedDetail } from '../../events/reading-submitted.js';
import { compareReadings, suggestedOutcome } from '../../screening/double-reading.js';
import {
  ReadingStoreError,
  createScreeningReadingService,
  writeScreeningReading,
  type StoredReading,
  type WrittenReading,
} from '../../session/screening-reading-store.js';
import type { ReadingView } from './reading-form-view.js';

/** What a host's `store` callback gets: the reading and the DICOM objects made from it. */
export interface ReadingSubmission {
  readonly reading: ScreeningReading;
  readonly written: WrittenReading;
}

export interface Draft {
  readonly right: { acr?: AcrCategory; composition?: BreastComposition };
  readonly left: { acr?: AcrCategory; composition?: BreastComposition };
  /** SOP Instance UID → the reasons its view is insufficient. */
  readonly reasons: Readonly<Record<string, readonly QualityReason[]>>;
  readonly findings: readonly BreastFinding[];
  readonly text: string;
  readonly outcome?: ReadingOutcome;
}

export const EMPTY: Draft = { right: {}, left: {}, reasons: {}, findings: [], text: '' };

export function codesOf(
  reading: ScreeningReading,
  breast: Breast,
): ReadingSubmittedDetail['codes']['right'] {
  const { acr, composition } = reading[breast];
  return {
    ...(acr !== undefined ? { acr: ACR_ASSESSMENTS[acr] } : {}),
    ...(composition !== undefined ? { composition: COMPOSITIONS[composition] } : {}),
  };
}

/** The reading the draft stands for; the outcome the reading implies until the reader picks one. */
export function readingOf(
  draft: Draft,
  views: readonly ReadingView[],
  studyInstanceUid: string,
): ScreeningReading {
  const judged = views.map((view) => {
    const reasons = draft.reasons[view.image.sopInstanceUid] ?? [];
    return {
      ...view,
      quality: reasons.length > 0 ? ('insufficient' as const) : ('adequate' as const),
      reasons,
    };
  });
  const base: ScreeningReading = {
    studyInstanceUid,
    right: { ...draft.right },
    left: { ...draft.left },
    views: judged,
    findings: draft.findings,
    text: draft.text,
  };
  const outcome = draft.outcome ?? suggestedOutcome(base);
  return outcome === undefined ? base : { ...base, outcome };
}

export interface StoreReadingOptions {
  readonly server: string | undefined;
  readonly requestHeaders: RequestHeadersInit | undefined;
  /** The host's `refreshToken` as it is now (read at each 401). */
  readonly currentRefreshToken: () => (() => Promise<void>) | undefined;
  readonly views: readonly ReadingView[];
  readonly patientStudy: DicomDataset | undefined;
  readonly observer: ReadingObserver | undefined;
  readonly store: ((submission: ReadingSubmission) => Promise<void>) | undefined;
  readonly language: 'en' | 'fr';
}

/** Writes the report (and KOS), then hands them to the host's `store` or STOW-RS on `server`. */
export async function storeReading(
  reading: ScreeningReading,
  options: StoreReadingOptions,
): Promise<StoredReading | undefined> {
  const service =
    options.server === undefined
      ? undefined
      : createScreeningReadingService({
          server: options.server,
          requestHeaders: options.requestHeaders,
          currentRefreshToken: options.currentRefreshToken,
        });
  const first = options.views[0];
  const patientStudy =
    options.patientStudy ??
    (service !== undefined && first !== undefined
      ? await service.instance(first.image)
      : undefined);
  if (patientStudy === undefined || options.observer === undefined)
    throw new ReadingStoreError('The reading needs an observer and an image of the study');
  const written = writeScreeningReading({
    reading,
    patientStudy,
    observer: options.observer,
    language: options.language,
  });
  if (options.store !== undefined) {
    await options.store({ reading, written });
    return undefined;
  }
  if (service === undefined) throw new ReadingStoreError('No server and no store callback');
  return service.store(written);
}

/** What `cb-reading-submitted` carries: codes, the stored objects, the disagreements with `prior`. */
export function submittedDetail(
  reading: ScreeningReading,
  stored: StoredReading | undefined,
  prior: ScreeningReading | undefined,
): ReadingSubmittedDetail {
  const comparison = prior === undefined ? undefined : compareReadings(prior, reading);
  return {
    reading,
    codes: {
      right: codesOf(reading, 'right'),
      left: codesOf(reading, 'left'),
      ...(reading.outcome ? { outcome: OUTCOME_CODES[reading.outcome] } : {}),
    },
    report: stored?.report,
    rejection: stored?.rejection,
    disagreements: comparison?.disagreements.map((item) =>
      'breast' in item ? { field: item.field, breast: item.breast } : { field: item.field },
    ),
  };
}
