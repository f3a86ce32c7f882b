/**
 * Hanging without the series metadata (issue 18 item 2: the first image near the floor). The
 * summaries the protocols read used to hold every instance of every series of the current study
 * and of its candidate priors, so all that metadata travelled before the first frame. For
 * cross-sectional studies the decision needs only what the series-level QIDO answer already gave
 * (PS3.18 10.6.3.3.2: Modality, Series Number and Description, Body Part Examined, Number of
 * Series Related Instances): protocols that match on modality or body part and fill cells with a
 * whole series (main series, series grid) pick the same series from instance counts as from the
 * instances themselves. Mammography and any protocol that reads per-instance attributes
 * (Image Laterality, View Position, SOP Class) or selects one instance keeps the metadata path.
 * Pure: no request, no state.
 */
import type { HangingProtocol, MatchRule } from '../hanging-protocols/hanging-protocol.js';
import type { InstanceSummary, StudySummary } from '../hanging-protocols/summaries.js';
import { REPORT_MODALITIES, type HistoryStudy } from './patient-history.js';

/** Modalities whose series are volumes of single-frame slices in the usual case. */
const CROSS_SECTIONAL = new Set(['CT', 'MR', 'PT']);

/** Series-level attributes: what a QIDO series answer holds. */
const SERIES_LEVEL = new Set<MatchRule['attribute']>(['modality', 'bodyPart']);

/**
 * Whether `protocols` hang the current study the same from the QIDO answer alone: its image
 * series are all cross-sectional with a known instance count (as are those of the studies it
 * could compare with), and each protocol either reads only series-level attributes and fills its
 * cells with whole series, or is ruled out by a required modality rule the study cannot meet.
 */
export function hangsFromSeriesLevel(
  protocols: readonly HangingProtocol[],
  protocol: string,
  history: readonly HistoryStudy[],
  current: HistoryStudy,
): boolean {
  const images = current.series.filter((s) => !REPORT_MODALITIES.has(s.modality));
  if (images.length === 0 || !images.every((s) => CROSS_SECTIONAL.has(s.modality))) return false;
  const modalities = new Set(images.map((s) => s.modality.toUpperCase()));
  const counted = wantedStudies(history, current).every((study) =>
    study.series.every((s) => REPORT_MODALITIES.has(s.modality) || s.instanceCount !== undefined),
  );
  if (!counted) return false;
  const considered =
    protocol === 'auto' ? protocols : protocols.filter((item) => item.id === protocol);
  return considered.length > 0 && considered.every((item) => seriesLevelOnly(item, modalities));
}

function seriesLevelOnly(protocol: HangingProtocol, modalities: ReadonlySet<string>): boolean {
  const ruledOut = protocol.match.some(
    (rule) =>
      rule.required === true &&
      rule.attribute === 'modality' &&
      !rule.anyOf.some((value) => modalities.has(value.toUpperCase())),
  );
  if (ruledOut) return true;
  if (!protocol.match.every((rule) => SERIES_LEVEL.has(rule.attribute))) return false;
  return (
    protocol.layout.kind === 'series-grid' ||
    protocol.layout.cells.every(
      (cell) =>
        cell.select.level === 'main-series' &&
        cell.chestWall === undefined &&
        cell.scaleGroup === undefined,
    )
  );
}

/** The current study and those sharing a modality with it (the candidate priors). */
function wantedStudies(history: readonly HistoryStudy[], current: HistoryStudy): HistoryStudy[] {
  const modalities = new Set(
    current.series.map((s) => s.modality).filter((m) => !REPORT_MODALITIES.has(m)),
  );
  return [
    current,
    ...history.filter(
      (study) =>
        study.studyInstanceUid !== current.studyInstanceUid &&
        study.series.some((s) => modalities.has(s.modality)),
    ),
  ];
}

/**
 * Summaries from the QIDO answer: each series counts its instances with stand-ins that name no
 * instance (main-series and series-grid cells never read one; `hangsFromSeriesLevel` says when).
 */
export function seriesLevelSummaries(
  history: readonly HistoryStudy[],
  current: HistoryStudy,
): StudySummary[] {
  const wanted = new Set(wantedStudies(history, current).map((study) => study.studyInstanceUid));
  return history.map((study) => ({
    studyInstanceUid: study.studyInstanceUid,
    studyDate: study.studyDate,
    studyTime: study.studyTime,
    studyDescription: study.studyDescription,
    series: study.series.map((item) => ({
      seriesInstanceUid: item.seriesInstanceUid,
      modality: item.modality,
      bodyPartExamined: item.bodyPartExamined,
      seriesDescription: item.seriesDescription,
      seriesNumber: item.seriesNumber,
      instances:
        wanted.has(study.studyInstanceUid) && !REPORT_MODALITIES.has(item.modality)
          ? Array.from({ length: item.instanceCount ?? 0 }, (): InstanceSummary => STAND_IN)
          : [],
    })),
  }));
}

const STAND_IN: InstanceSummary = { sopInstanceUid: '', frameCount: 1 };
