/**
 * Blinded double reading as pure decisions. A prior reading of the study (a first reader's, ours
 * or another system's TID 4200 report) stays hidden from the next reader until they have
 * submitted their own; then the two are compared breast by breast. What counts as a disagreement
 * follows the French screening programme's second reading as the issue states it: the ACR
 * categories fall on either side of "normal" (1–2 against 0 or 3–5), the outcomes differ, or the
 * compositions differ. Which fields are compared is the host's choice (`fields`).
 */
import {
  BREASTS,
  type AcrCategory,
  type Breast,
  type BreastComposition,
  type ReadingOutcome,
  type ScreeningReading,
} from '../dicom/breast-reading.js';

/** ACR 1–2: nothing to recall for; 0 and 3–5: further work-up (the L1/L2 rule). */
export type AcrGroup = 'normal' | 'abnormal';

export function acrGroup(category: AcrCategory): AcrGroup {
  return category === 1 || category === 2 ? 'normal' : 'abnormal';
}

export type ComparedField = 'acr' | 'composition' | 'outcome';
export const COMPARED_FIELDS: readonly ComparedField[] = ['acr', 'composition', 'outcome'];

export type ReadingDisagreement =
  | {
      readonly field: 'acr';
      readonly breast: Breast;
      readonly prior: AcrCategory | undefined;
      readonly current: AcrCategory | undefined;
    }
  | {
      readonly field: 'composition';
      readonly breast: Breast;
      readonly prior: BreastComposition | undefined;
      readonly current: BreastComposition | undefined;
    }
  | {
      readonly field: 'outcome';
      readonly prior: ReadingOutcome | undefined;
      readonly current: ReadingOutcome | undefined;
    };

export interface ReadingComparison {
  readonly disagreements: readonly ReadingDisagreement[];
  /** True when nothing compared disagrees. */
  readonly concordant: boolean;
}

/**
 * Compares the current reader's reading with a prior one. An ACR category or an outcome given by
 * one reader and not the other is a disagreement (one reader saw a reason to decide, the other
 * did not); a composition given by only one is not (it changes no decision).
 */
export function compareReadings(
  prior: ScreeningReading,
  current: ScreeningReading,
  fields: readonly ComparedField[] = COMPARED_FIELDS,
): ReadingComparison {
  const disagreements: ReadingDisagreement[] = [];
  for (const breast of BREASTS) {
    const before = prior[breast];
    const now = current[breast];
    if (fields.includes('acr')) {
      const groups = [before.acr, now.acr].map((acr) =>
        acr === undefined ? undefined : acrGroup(acr),
      );
      if (groups[0] !== groups[1])
        disagreements.push({ field: 'acr', breast, prior: before.acr, current: now.acr });
    }
    if (
      fields.includes('composition') &&
      before.composition !== undefined &&
      now.composition !== undefined &&
      before.composition !== now.composition
    )
      disagreements.push({
        field: 'composition',
        breast,
        prior: before.composition,
        current: now.composition,
      });
  }
  if (fields.includes('outcome') && prior.outcome !== current.outcome)
    disagreements.push({ field: 'outcome', prior: prior.outcome, current: current.outcome });
  return { disagreements, concordant: disagreements.length === 0 };
}

/** Whether a prior reading may be shown: never before submission while blinding is on. */
export function priorReadingVisible(options: {
  readonly blinded: boolean;
  readonly submitted: boolean;
}): boolean {
  return !options.blinded || options.submitted;
}

/** The disagreements about one breast (the side-by-side view flags them per breast). */
export function disagreementsOf(
  comparison: ReadingComparison,
  breast: Breast,
): readonly ReadingDisagreement[] {
  return comparison.disagreements.filter(
    (disagreement) => disagreement.field !== 'outcome' && disagreement.breast === breast,
  );
}

/**
 * The outcome the reading itself implies, offered until the reader chooses one: a technically
 * insufficient view recalls the woman for it; an ACR category 0 or 3–5 recalls her for further
 * imaging (which covers the technical recall's views too); otherwise normal. Undefined until
 * both breasts have a category.
 */
export function suggestedOutcome(reading: ScreeningReading): ReadingOutcome | undefined {
  const categories = BREASTS.map((breast) => reading[breast].acr);
  if (categories.some((acr) => acr === undefined)) return undefined;
  if (categories.some((acr) => acr !== undefined && acrGroup(acr) === 'abnormal'))
    return 'recall-imaging';
  if (reading.views.some((view) => view.quality === 'insufficient')) return 'recall-technical';
  return 'normal';
}
