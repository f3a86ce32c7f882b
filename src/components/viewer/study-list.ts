/** The session's history as `<cb-study-browser>`'s list, with the prior prefetch progress. */
import type { StudyListEntry } from '../study-browser/study-browser.js';
import type { HistoryStudy } from '../../session/patient-history.js';

/** The study browser's view of the history. */
export function studyListOf(
  history: readonly HistoryStudy[],
  prefetch: ReadonlyMap<string, { loaded: number; total: number }>,
): StudyListEntry[] {
  return history.map((study) => {
    const progress = prefetch.get(study.studyInstanceUid);
    return {
      studyInstanceUid: study.studyInstanceUid,
      studyDate: study.studyDate,
      studyDescription: study.studyDescription,
      modalities: study.modalities,
      series: study.series.map((series) => ({
        seriesInstanceUid: series.seriesInstanceUid,
        modality: series.modality,
        seriesDescription: series.seriesDescription,
        instanceCount: series.instanceCount,
      })),
      ...(progress ? { prefetch: progress } : {}),
    };
  });
}
