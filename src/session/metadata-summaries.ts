/**
 * The summaries hanging protocols read, from the series metadata: the path for studies whose
 * protocols need per-instance attributes (mammography views); cross-sectional studies hang from
 * the QIDO answer (series-level-hang.ts).
 */
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import { describeInstance } from '../hanging-protocols/describe-instance.js';
import type { StudySummary } from '../hanging-protocols/summaries.js';
import { REPORT_MODALITIES, type HistoryStudy } from './patient-history.js';
import type { SeriesRepository } from './series-repository.js';

/**
 * Summaries for the hanging protocols: instance details for the image series of the current
 * study and of every study sharing a modality with it (the candidate priors). Series whose
 * metadata could not be read are left without instances (a protocol will not pick them).
 */
export async function metadataSummaries(
  repository: SeriesRepository,
  history: readonly HistoryStudy[],
  current: HistoryStudy,
): Promise<StudySummary[]> {
  const modalities = new Set(
    current.series.map((s) => s.modality).filter((m) => !REPORT_MODALITIES.has(m)),
  );
  return Promise.all(
    history.map(async (study) => {
      const wanted =
        study.studyInstanceUid === current.studyInstanceUid ||
        study.series.some((s) => modalities.has(s.modality));
      const series = await Promise.all(
        study.series.map(async (item) => {
          const load = wanted && !REPORT_MODALITIES.has(item.modality);
          const json = load
            ? await repository
                .metadata(study.studyInstanceUid, item.seriesInstanceUid)
                .catch(() => [])
            : [];
          return {
            seriesInstanceUid: item.seriesInstanceUid,
            modality: item.modality,
            bodyPartExamined: item.bodyPartExamined,
            seriesDescription: item.seriesDescription,
            seriesNumber: item.seriesNumber,
            instances: json.map((instance) => describeInstance(datasetFromDicomJson(instance))),
          };
        }),
      );
      return {
        studyInstanceUid: study.studyInstanceUid,
        studyDate: study.studyDate,
        studyTime: study.studyTime,
        studyDescription: study.studyDescription,
        series,
      };
    }),
  );
}
