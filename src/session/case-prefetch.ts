/**
 * A reading list case made ready in the background, on the viewer's own services so that what
 * it fetches and decodes is what the viewer then draws: the study's history (the same search the
 * viewer makes), the views each reading step hangs (the steps' protocols, so the prior is the one
 * the comparison logic picks), then those images at the prefetch priority — below every frame a
 * cell asks for, so the case on screen keeps the link — into the cache. Decoded copies go to the
 * viewer's decoded-frame memory up to `decodedBudget` bytes; the rest is kept compressed, decoded
 * when shown. Aborting `signal` stops it; nothing here disposes what the viewer may be showing.
 */
import type { Breast, ImageReference } from '../dicom/breast-reading.js';
import { BitsAllocated, Columns, Rows, SOPInstanceUID } from '../dicom/tags.generated.js';
import type { ViewerServices } from '../context/viewer-services.js';
import { RetrievalPriority } from '../dicomweb/retrieval-request.js';
import { hangStudies } from '../hanging-protocols/hang-studies.js';
import type { HangingProtocol } from '../hanging-protocols/hanging-protocol.js';
import type { StudySummary } from '../hanging-protocols/summaries.js';
import type { HangingCell } from '../hanging-protocols/viewer-cell-state.js';
import { openHistory } from './cached-history.js';
import { requestedStudy } from './patient-history.js';
import { ReadingCaseError } from './reading-list.js';
import { SeriesRepository } from './series-repository.js';

/** One of the current study's screening views, as the reading form takes it. */
export interface CaseView {
  readonly image: ImageReference;
  readonly breast: Breast;
  readonly viewPosition: string;
}

export interface PreparedCase {
  readonly studyInstanceUid: string;
  /** The current study's views (RCC, LCC, RMLO, LMLO as found; a missing view is absent). */
  readonly views: readonly CaseView[];
  /** The prior the steps compare with; undefined when the patient has none. */
  readonly priorStudyInstanceUid: string | undefined;
}

export interface CasePrefetchOptions {
  readonly services: ViewerServices;
  readonly studyInstanceUid: string;
  /** Every reading step's protocol, in reading order: their images are fetched in that order. */
  readonly protocols: readonly HangingProtocol[];
  /** The protocol listing the current study's four views (for the form). */
  readonly viewsProtocol: HangingProtocol;
  /** Decoded bytes this case may put in the viewer's memory (0: compressed only). */
  readonly decodedBudget: number;
  readonly signal: AbortSignal;
  /** The case's views and prior are known (before its images are fetched). */
  readonly onPrepared?: (prepared: PreparedCase) => void;
}

/** Prepares the case and fetches its images; resolves once they are all in (or rejects). */
export async function prefetchCase(options: CasePrefetchOptions): Promise<PreparedCase> {
  const { services, signal } = options;
  const request = { studyInstanceUids: [options.studyInstanceUid], accessionNumbers: [] };
  const { history } = await openHistory(services, request);
  signal.throwIfAborted();
  const current = requestedStudy(history, request);
  if (current === undefined) throw new ReadingCaseError('unknown');
  // Never disposed here: its abortScope would also withdraw the viewer's requests for the study.
  const repository = new SeriesRepository(services, { patientId: current.patientId ?? '' });
  const summaries = await repository.summaries(history, current);
  signal.throwIfAborted();
  const summary = summaries.find((item) => item.studyInstanceUid === current.studyInstanceUid);
  if (summary === undefined) throw new ReadingCaseError('unknown');
  const hang = (protocol: HangingProtocol): readonly HangingCell[] =>
    hangStudies({
      current: summary,
      history: summaries,
      protocols: [protocol],
      protocol: protocol.id,
    })?.cells ?? [];
  const prepared: PreparedCase = {
    studyInstanceUid: current.studyInstanceUid,
    views: hang(options.viewsProtocol).flatMap((cell) => caseView(cell, summary)),
    priorStudyInstanceUid: options.protocols
      .flatMap(hang)
      .find((cell) => cell.role === 'prior' && cell.studyInstanceUid !== undefined)
      ?.studyInstanceUid,
  };
  options.onPrepared?.(prepared);
  const images = new Map<string, HangingCell>();
  for (const cell of options.protocols.flatMap(hang))
    if (cell.sopInstanceUid !== undefined && !cell.empty) images.set(cell.sopInstanceUid, cell);
  const target = new EventTarget();
  let decoded = 0;
  for (const cell of images.values()) {
    signal.throwIfAborted();
    const { studyInstanceUid, seriesInstanceUid, sopInstanceUid } = cell;
    if (studyInstanceUid === undefined || seriesInstanceUid === undefined) continue;
    const loader = await repository.loader(
      studyInstanceUid,
      seriesInstanceUid,
      target,
      RetrievalPriority.prefetch,
    );
    const slice = loader.slices.find(
      (item) => item.dataset.string(SOPInstanceUID) === sopInstanceUid,
    );
    if (slice === undefined) continue;
    const load = { signal, priority: RetrievalPriority.prefetch };
    const bytes = decodedBytes(
      slice.dataset.number(Rows),
      slice.dataset.number(Columns),
      slice.dataset.number(BitsAllocated),
    );
    if (decoded + bytes <= options.decodedBudget) {
      decoded += bytes;
      await services.frameLoader.load(slice.dataset, slice.frameIndex, load);
    } else {
      await slice.source.frame(slice.frameIndex, load);
    }
  }
  return prepared;
}

/** What a frame takes decoded: one sample per pixel, 16 bits unless 8 are allocated. */
function decodedBytes(
  rows: number | undefined,
  columns: number | undefined,
  bitsAllocated: number | undefined,
): number {
  return (rows ?? 0) * (columns ?? 0) * (bitsAllocated === 8 ? 1 : 2);
}

function caseView(cell: HangingCell, study: StudySummary): CaseView[] {
  const { studyInstanceUid, seriesInstanceUid, sopInstanceUid } = cell;
  if (cell.empty || !studyInstanceUid || !seriesInstanceUid || !sopInstanceUid) return [];
  const instance = study.series
    .find((series) => series.seriesInstanceUid === seriesInstanceUid)
    ?.instances.find((item) => item.sopInstanceUid === sopInstanceUid);
  if (instance === undefined) return [];
  return [
    {
      image: {
        studyInstanceUid,
        seriesInstanceUid,
        sopClassUid: instance.sopClassUid ?? '',
        sopInstanceUid,
      },
      breast: instance.laterality === 'L' ? 'left' : 'right',
      viewPosition: instance.viewPosition ?? '',
    },
  ];
}
