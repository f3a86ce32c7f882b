import type { ImageSelector, PriorCriteria } from './hanging-protocol.js';
import {
  studyAgeDays,
  studyDateTimeKey,
  type InstanceSummary,
  type SeriesSummary,
  type StudySummary,
} from './summaries.js';

/** Modalities whose instances are not images to hang (PS3.3 C.7.3.1.1.1 defined terms). */
const NON_IMAGE_MODALITIES = new Set([
  'SR',
  'PR',
  'KO',
  'DOC',
  'REG',
  'RTSTRUCT',
  'RTPLAN',
  'RTDOSE',
  'RWV',
  'PLAN',
]);

export function isImageSeries(series: SeriesSummary): boolean {
  return !NON_IMAGE_MODALITIES.has(series.modality) && series.instances.length > 0;
}

/** Images in a series, counting frames of multi-frame instances. */
function imageCount(series: SeriesSummary): number {
  return series.instances.reduce((sum, instance) => sum + Math.max(1, instance.frameCount ?? 1), 0);
}

/** The study's largest image series, optionally of given modalities (ties: lowest series number). */
export function mainSeriesOf(
  study: StudySummary,
  modalities?: readonly string[],
): SeriesSummary | undefined {
  const candidates = study.series.filter(
    (series) =>
      isImageSeries(series) && (modalities === undefined || modalities.includes(series.modality)),
  );
  return [...candidates].sort(
    (a, b) =>
      imageCount(b) - imageCount(a) || (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity),
  )[0];
}

/** Earlier studies meeting the criteria, most recent first (studies without a date never qualify). */
export function findPriors(
  current: StudySummary,
  history: readonly StudySummary[],
  criteria: PriorCriteria,
  modalities?: readonly string[],
): StudySummary[] {
  const currentKey = studyDateTimeKey(current);
  const main = mainSeriesOf(current, modalities);
  return history
    .filter((study) => {
      if (study.studyInstanceUid === current.studyInstanceUid) return false;
      const key = studyDateTimeKey(study);
      if (key === '' || currentKey === '' || key >= currentKey) return false;
      const age = studyAgeDays(current, study);
      if (criteria.maxAgeDays !== undefined && (age === undefined || age > criteria.maxAgeDays))
        return false;
      if (main === undefined) return true;
      return study.series.some(
        (series) =>
          isImageSeries(series) &&
          (!criteria.sameModality || series.modality === main.modality) &&
          (!criteria.sameBodyPart ||
            main.bodyPartExamined === undefined ||
            series.bodyPartExamined === main.bodyPartExamined),
      );
    })
    .sort((a, b) => studyDateTimeKey(b).localeCompare(studyDateTimeKey(a)))
    .slice(0, criteria.count);
}

export interface SelectedImage {
  readonly series: SeriesSummary;
  /** undefined for a whole-series selection. */
  readonly instance: InstanceSummary | undefined;
}

/**
 * The image a selector names in a study. Among several candidates (a repeated view), prefer
 * FOR PRESENTATION over FOR PROCESSING (PS3.3 C.8.11.7: processing images are not for reading),
 * views without modifiers (spot, magnification are not the screening view), then the last
 * acquired — a retake replaces the first exposure.
 */
export function selectImage(
  study: StudySummary,
  selector: ImageSelector,
  reference?: SeriesSummary,
): SelectedImage | undefined {
  const wanted = (value: string | undefined, list: readonly string[] | undefined): boolean =>
    list === undefined || (value !== undefined && list.includes(value.toUpperCase()));
  const series = study.series.filter(
    (item) => isImageSeries(item) && wanted(item.modality, selector.modality),
  );
  if (selector.level === 'main-series') {
    const byDescription =
      reference?.seriesDescription === undefined
        ? undefined
        : series.find(
            (item) =>
              item.seriesDescription?.trim().toLowerCase() ===
                reference.seriesDescription?.trim().toLowerCase() &&
              (reference.bodyPartExamined === undefined ||
                item.bodyPartExamined === reference.bodyPartExamined),
          );
    const chosen = byDescription ?? mainSeriesOf({ ...study, series }, selector.modality);
    return chosen === undefined ? undefined : { series: chosen, instance: undefined };
  }
  const candidates: { series: SeriesSummary; instance: InstanceSummary }[] = [];
  for (const item of series) {
    for (const instance of item.instances) {
      if (selector.laterality !== undefined && instance.laterality !== selector.laterality)
        continue;
      if (!wanted(instance.viewPosition, selector.viewPosition)) continue;
      candidates.push({ series: item, instance });
    }
  }
  const rank = ({ series: item, instance }: (typeof candidates)[number]): number[] => [
    instance.presentationIntent === 'FOR PROCESSING' ? 0 : 1,
    (instance.viewModifiers?.length ?? 0) === 0 ? 1 : 0,
    item.seriesNumber ?? 0,
    instance.instanceNumber ?? 0,
  ];
  candidates.sort((a, b) => compareRanks(rank(b), rank(a)));
  return candidates[0];
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
