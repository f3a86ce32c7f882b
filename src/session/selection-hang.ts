/**
 * A KOS selection on screen: its series read each from its own source (the host's origin rules
 * decide: trusted, bare, or refused before any request), the history they make, and a grid with
 * one cell per selected series, in document order. No hanging protocol: the document's author
 * chose the images.
 */
import type { ViewerServices } from '../context/viewer-services.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import * as tags from '../dicom/tags.js';
import type { DicomwebClient } from '../dicomweb/dicomweb-client.js';
import { RetrievalScheduler } from '../dicomweb/retrieval-scheduler.js';
import { autoGrid } from '../hanging-protocols/hang-studies.js';
import {
  keyImagesOf,
  loadManifest,
  selectionOf,
  type ImageSelection,
  type ManifestSource,
} from './image-selection.js';
import type { HistorySeries, HistoryStudy } from './patient-history.js';
import type {
  PatientContext,
  RepositorySelection,
  SeriesRepository,
  SeriesSource,
} from './series-repository.js';
import { blankCell, type ViewerCell, type ViewerGrid } from './viewer-cell.js';

export const SELECTION_PROTOCOL_ID = 'key-object-selection';

/** Series → source and shown instances; one scheduler per other source, made when first asked. */
export function repositorySelectionOf(
  services: ViewerServices,
  selection: ImageSelection,
): RepositorySelection {
  const bySeries = new Map(selection.series.map((item) => [item.seriesInstanceUid, item]));
  const schedulers = new Map<DicomwebClient, RetrievalScheduler>();
  return {
    source(seriesInstanceUid: string): SeriesSource | undefined {
      const root = bySeries.get(seriesInstanceUid)?.root;
      if (root === undefined) return undefined;
      // Throws UntrustedOriginError for an origin the host did not list: nothing is sent there.
      const client = services.sources.clientFor(root);
      if (client === services.client) return undefined;
      let scheduler = schedulers.get(client);
      if (scheduler === undefined) {
        scheduler = new RetrievalScheduler(client);
        schedulers.set(client, scheduler);
      }
      return { client, scheduler };
    },
    instances(seriesInstanceUid: string): ReadonlySet<string> | undefined {
      return bySeries.get(seriesInstanceUid)?.sopInstanceUids;
    },
  };
}

/**
 * The studies of the selection as the study browser lists them, from each series' metadata
 * (read once, through the repository: cached, patient-checked). A series whose metadata cannot
 * be read is left out and reported through `onSeriesFailed`.
 */
export async function selectionHistory(
  selection: ImageSelection,
  repository: SeriesRepository,
  onSeriesFailed: (error: unknown) => void,
): Promise<HistoryStudy[]> {
  const studies = new Map<string, { first: HistoryStudy; series: HistorySeries[] }>();
  for (const selected of selection.series) {
    let first;
    try {
      [first] = await repository.metadata(selected.studyInstanceUid, selected.seriesInstanceUid);
    } catch (error) {
      onSeriesFailed(error);
      continue;
    }
    if (first === undefined) continue;
    const dataset = datasetFromDicomJson(first);
    const series: HistorySeries = {
      seriesInstanceUid: selected.seriesInstanceUid,
      modality: dataset.string(tags.Modality) ?? '',
      seriesDescription: dataset.string(tags.SeriesDescription),
      seriesNumber: dataset.number(tags.SeriesNumber),
      bodyPartExamined: dataset.string(tags.BodyPartExamined),
      instanceCount: selected.sopInstanceUids.size,
    };
    const known = studies.get(selected.studyInstanceUid);
    if (known) {
      known.series.push(series);
      continue;
    }
    studies.set(selected.studyInstanceUid, {
      first: {
        studyInstanceUid: selected.studyInstanceUid,
        studyDate: dataset.string(tags.StudyDate),
        studyTime: dataset.string(tags.StudyTime),
        studyDescription: dataset.string(tags.StudyDescription),
        accessionNumber: dataset.string(tags.AccessionNumber),
        modalities: [],
        patientId: dataset.string(tags.PatientID),
        series: [],
      },
      series: [series],
    });
  }
  return [...studies.values()].map(({ first, series }) => ({
    ...first,
    modalities: [...new Set(series.map((item) => item.modality))],
    series,
  }));
}

/** One cell per selected series still in the history, in document order. */
export function selectionGrid(
  selection: ImageSelection,
  history: readonly HistoryStudy[],
  current: HistoryStudy | undefined,
): ViewerGrid {
  const shown = selection.series.flatMap((selected) => {
    const series = history
      .find((study) => study.studyInstanceUid === selected.studyInstanceUid)
      ?.series.find((item) => item.seriesInstanceUid === selected.seriesInstanceUid);
    return series === undefined ? [] : [{ selected, series }];
  });
  const { rows, columns } = autoGrid(Math.max(1, shown.length));
  const cells: ViewerCell[] = shown.map(({ selected, series }, i) => ({
    ...blankCell(Math.floor(i / columns), i % columns),
    content: 'image',
    label: series.seriesDescription ?? series.modality,
    role: selected.studyInstanceUid === current?.studyInstanceUid ? 'current' : 'prior',
    studyInstanceUid: selected.studyInstanceUid,
    seriesInstanceUid: selected.seriesInstanceUid,
  }));
  return { rows, columns, cells: cells.length > 0 ? cells : [blankCell(0, 0)] };
}

/** A KOS to show instead of a history (`manifest`), or a study's key images only. */
export interface SelectionRequest {
  readonly manifest?: ManifestSource | undefined;
  readonly keyImagesOnly?: boolean;
}

/** The session's KOS state: the selection on screen, how it was asked for. */
export class KeyObjectView {
  /** What a KOS selects (a manifest, or the current study's key images). */
  selection: ImageSelection | undefined;
  readonly #services: ViewerServices;
  readonly #request: SelectionRequest;

  constructor(services: ViewerServices, request: SelectionRequest) {
    this.#services = services;
    this.#request = request;
  }

  get manifest(): ManifestSource | undefined {
    return this.#request.manifest;
  }

  /** The manifest, its repository (only the manifest's patient) and the history its series make. */
  async openManifest(
    manifest: ManifestSource,
    signal: AbortSignal,
    repositoryFor: (patient: PatientContext) => SeriesRepository,
    onSeriesFailed: (error: unknown) => void,
  ): Promise<{ repository: SeriesRepository; history: HistoryStudy[] }> {
    const selection = selectionOf([await loadManifest(this.#services.client, manifest, signal)]);
    const { patientId = '', issuerOfPatientId: issuer, otherPatientIds } = selection;
    const aliases = otherPatientIds.map(({ id, issuer: other }) => ({
      patientId: id,
      ...(other ? { issuer: other } : {}),
    }));
    const repository = repositoryFor({ patientId, ...(issuer ? { issuer } : {}), aliases });
    repository.select(repositorySelectionOf(this.#services, selection));
    this.selection = selection;
    return { repository, history: await selectionHistory(selection, repository, onSeriesFailed) };
  }

  /** `keyImagesOnly`: what the current study's key image notes select (none: the whole study). */
  async selectKeyImages(
    repository: SeriesRepository,
    current: HistoryStudy,
    signal: AbortSignal,
  ): Promise<void> {
    if (!this.#request.keyImagesOnly || this.#request.manifest !== undefined) return;
    this.selection = undefined;
    repository.select(undefined);
    const selection = await keyImagesOf(this.#services.client, current, signal);
    this.selection = selection;
    if (selection) repository.select(repositorySelectionOf(this.#services, selection));
  }

  /** The grid of the selection: one cell per series; a manifest's other studies are its priors. */
  layout(
    history: readonly HistoryStudy[],
    current: HistoryStudy | undefined,
  ): { grid: ViewerGrid; comparedWith: string[] } | undefined {
    const selection = this.selection;
    if (!selection) return undefined;
    return {
      grid: selectionGrid(selection, history, current),
      // A manifest's other studies are shown beside the first; key images are one study's.
      comparedWith:
        this.#request.manifest === undefined
          ? []
          : history
              .map((study) => study.studyInstanceUid)
              .filter((uid) => uid !== current?.studyInstanceUid),
    };
  }
}
