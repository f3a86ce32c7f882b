/**
 * A patient's imaging history from QIDO-RS (PS3.18 10.6): studies, then each study's series.
 * Plain data for the study browser and for the hanging protocols; no pixels, no metadata yet.
 */
import type { DicomwebClient } from '../dicomweb/dicomweb-client.js';
import type { DicomJsonObject } from '../dicomweb/dicom-json-values.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import type { DicomDataset } from '../dicom/dataset.js';
import type { ViewerCellState } from '../hanging-protocols/viewer-cell-state.js';
import { patientOf, studyMatches } from './patient-match.js';

const tag = {
  patientId: 0x00100020,
  issuer: 0x00100021,
  studyInstanceUid: 0x0020000d,
  studyDate: 0x00080020,
  studyTime: 0x00080030,
  studyDescription: 0x00081030,
  accessionNumber: 0x00080050,
  modalitiesInStudy: 0x00080061,
  seriesInstanceUid: 0x0020000e,
  modality: 0x00080060,
  seriesDescription: 0x0008103e,
  seriesNumber: 0x00200011,
  bodyPart: 0x00180015,
  instanceCount: 0x00201209,
} as const;

export interface HistorySeries {
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly seriesDescription: string | undefined;
  readonly seriesNumber: number | undefined;
  readonly bodyPartExamined: string | undefined;
  readonly instanceCount: number | undefined;
}

export interface HistoryStudy {
  readonly studyInstanceUid: string;
  readonly studyDate: string | undefined;
  readonly studyTime: string | undefined;
  readonly studyDescription: string | undefined;
  readonly accessionNumber: string | undefined;
  readonly modalities: readonly string[];
  readonly patientId: string | undefined;
  readonly series: readonly HistorySeries[];
}

export interface HistoryRequest {
  readonly patientId?: string | undefined;
  /** Issuer of Patient ID namespace (HL7 HD first component). */
  readonly issuer?: string | undefined;
  readonly studyInstanceUids: readonly string[];
  readonly accessionNumbers: readonly string[];
}

/** Modalities whose series hold no images to hang (PS3.3 C.7.3.1.1.1). */
export const REPORT_MODALITIES: ReadonlySet<string> = new Set(['SR', 'DOC', 'KO', 'PR']);

/**
 * The history the viewer shows: every study of the patient when a Patient ID is known (given,
 * or read from the named studies), else only the named studies. Newest first. Only that one
 * patient's studies: any other a server answers is left out and counted in `onDropped`.
 */
export async function loadHistory(
  client: DicomwebClient,
  request: HistoryRequest,
  signal: AbortSignal,
  onDropped?: (count: number) => void,
): Promise<HistoryStudy[]> {
  let patientId = request.patientId;
  let issuer = request.issuer;
  let named: DicomDataset[] = [];
  if (request.studyInstanceUids.length > 0 || request.accessionNumbers.length > 0) {
    const searches: Promise<DicomJsonObject[]>[] = [];
    if (request.studyInstanceUids.length > 0)
      searches.push(
        client.searchForStudies({ studyInstanceUid: request.studyInstanceUids }, { signal }),
      );
    for (const accessionNumber of request.accessionNumbers)
      searches.push(client.searchForStudies({ accessionNumber }, { signal }));
    named = (await Promise.all(searches)).flat().map((json) => datasetFromDicomJson(json));
    const first = named[0] === undefined ? undefined : patientOf(named[0]);
    // A named study without a Patient ID names nobody: never an empty (match-all) search.
    patientId ??= first?.patientId || undefined;
    issuer ??= first?.issuer;
  }
  let studies = named;
  if (patientId !== undefined) {
    const json = await client.searchForStudies(
      {
        patientId,
        ...(issuer === undefined ? {} : { issuerOfPatientId: issuer }),
        includeFields: ['00081030', '00080061', '00201206', '00100021'],
      },
      { signal },
    );
    studies = [...named, ...json.map((item) => datasetFromDicomJson(item))];
  }
  // PS3.18 8.3.4.1 leaves matching to the server: check what it answered, exactly.
  const expected = { patientId: patientId ?? '', issuer };
  const matching =
    patientId === undefined ? studies : studies.filter((study) => studyMatches(study, expected));
  const unique = new Map<string, DicomDataset>();
  for (const study of matching) {
    const uid = study.string(tag.studyInstanceUid);
    if (uid !== undefined && !unique.has(uid)) unique.set(uid, study);
  }
  const history = await Promise.all(
    [...unique.entries()].map(async ([uid, study]) => {
      const series = await client.searchForSeries(
        uid,
        { includeFields: ['0008103E', '00180015', '00201209'] },
        { signal },
      );
      return studyOf(
        uid,
        study,
        series.map((item) => datasetFromDicomJson(item)),
      );
    }),
  );
  const dropped = new Set(
    studies.filter((study) => !matching.includes(study)).map((s) => s.string(tag.studyInstanceUid)),
  );
  if (dropped.size > 0) onDropped?.(dropped.size);
  return history.sort((a, b) => dateKey(b).localeCompare(dateKey(a)));
}

function studyOf(uid: string, study: DicomDataset, series: DicomDataset[]): HistoryStudy {
  const seriesList = series
    .map((item): HistorySeries => ({
      seriesInstanceUid: item.string(tag.seriesInstanceUid) ?? '',
      modality: (item.string(tag.modality) ?? '').toUpperCase(),
      seriesDescription: item.string(tag.seriesDescription),
      seriesNumber: item.number(tag.seriesNumber),
      bodyPartExamined: item.string(tag.bodyPart)?.toUpperCase(),
      instanceCount: item.number(tag.instanceCount),
    }))
    .filter((item) => item.seriesInstanceUid !== '')
    .sort((a, b) => (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity));
  const modalities = study.strings(tag.modalitiesInStudy);
  return {
    studyInstanceUid: uid,
    studyDate: study.string(tag.studyDate),
    studyTime: study.string(tag.studyTime),
    studyDescription: study.string(tag.studyDescription),
    accessionNumber: study.string(tag.accessionNumber),
    modalities:
      modalities.length > 0 ? modalities : [...new Set(seriesList.map((item) => item.modality))],
    patientId: study.string(tag.patientId),
    series: seriesList,
  };
}

export function findSeries(
  history: readonly HistoryStudy[],
  studyInstanceUid: string | undefined,
  seriesInstanceUid: string | undefined,
): HistorySeries | undefined {
  return history
    .find((study) => study.studyInstanceUid === studyInstanceUid)
    ?.series.find((item) => item.seriesInstanceUid === seriesInstanceUid);
}

/**
 * Layout cells naming a series outside the patient's history come back empty (same object for
 * the others, so a caller can count what changed).
 */
export function ownSeriesOnly(
  states: readonly ViewerCellState[],
  history: readonly HistoryStudy[],
): ViewerCellState[] {
  return states.map((state) =>
    state.seriesInstanceUid === undefined ||
    findSeries(history, state.studyInstanceUid, state.seriesInstanceUid)
      ? state
      : {
          ...state,
          studyInstanceUid: undefined,
          seriesInstanceUid: undefined,
          sopInstanceUid: undefined,
        },
  );
}

/** YYYYMMDDHHMMSS ('' when undated: sorts last). */
export function dateKey(study: Pick<HistoryStudy, 'studyDate' | 'studyTime'>): string {
  const date = study.studyDate?.trim() ?? '';
  if (!/^\d{8}$/.test(date)) return '';
  return date + (study.studyTime ?? '').replace(/\D/g, '').slice(0, 6).padEnd(6, '0');
}

/**
 * The study to open: the one named by UID, else by accession number, else (nothing named) the
 * newest with images. A study asked for by name that is not this patient's is not replaced by
 * another one: undefined.
 */
export function requestedStudy(
  history: readonly HistoryStudy[],
  request: HistoryRequest,
): HistoryStudy | undefined {
  const { studyInstanceUids: named, accessionNumbers } = request;
  const anyStudy = named.length === 0 && accessionNumbers.length === 0;
  return (
    history.find((study) => named.includes(study.studyInstanceUid)) ??
    history.find(
      (study) =>
        study.accessionNumber !== undefined && accessionNumbers.includes(study.accessionNumber),
    ) ??
    (anyStudy
      ? history.find((study) => study.series.some((item) => !REPORT_MODALITIES.has(item.modality)))
      : undefined)
  );
}
