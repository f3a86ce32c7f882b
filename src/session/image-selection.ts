/**
 * What a Key Object Selection makes the viewer show: exactly the instances it selects, series
 * by series, each from the DICOMweb source its Retrieve URL names (the viewer's own server when
 * it names none). Two uses: a manifest the host opens (a DRIMbox or XDS-I sharing, by UID on the
 * server, by URL or as a data set), and `keyImagesOnly`, the key images a study's own KOS select.
 */
import type { DicomDataset } from '../dicom/dataset.js';
import { CourbarilError } from '../dicom/errors.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import {
  isRejectionNote,
  readKeyObjectSelection,
  type CodedConcept,
  type KeyObjectSelection,
} from '../dicom/key-object-selection.js';
import { parseDicom } from '../dicom/parse-dicom.js';
import type { DicomwebClient } from '../dicomweb/dicomweb-client.js';
import { dicomwebRootOf } from '../dicomweb/retrieve-url.js';
import type { HistoryStudy } from './patient-history.js';
import { SeriesInstanceUID, StudyInstanceUID } from '../dicom/tags.generated.js';

/** A manifest to open: a data set the host holds, a Part 10 file's URL, or a KOS on the server. */
export type ManifestSource =
  | { readonly dataset: DicomDataset }
  | { readonly url: string }
  | { readonly sopInstanceUid: string };

export interface SelectedSeries {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** The DICOMweb root holding it (from its Retrieve URL); undefined: the viewer's server. */
  readonly root: string | undefined;
  readonly sopInstanceUids: ReadonlySet<string>;
}

export interface ImageSelection {
  /** The document title (one document), e.g. (113030, DCM, "Manifest"). */
  readonly title: CodedConcept | undefined;
  /** The patient the document names: the only patient its series may belong to. */
  readonly patientId: string | undefined;
  readonly issuerOfPatientId: string | undefined;
  /** The patient's other identifiers the document names (its series may carry one of these). */
  readonly otherPatientIds: readonly { readonly id: string; readonly issuer?: string }[];
  readonly series: readonly SelectedSeries[];
}

/** The manifest as a data set, read through the main client (the host's rules for its origin). */
export async function loadManifest(
  client: DicomwebClient,
  source: ManifestSource,
  signal: AbortSignal,
): Promise<KeyObjectSelection> {
  if ('dataset' in source) return readKeyObjectSelection(source.dataset);
  if ('url' in source) {
    // Relative to the page, as the host wrote it (not to the DICOMweb root).
    const url = client.transport.origins.resolve(source.url).href;
    const bytes = await client.retrieveBulkData(url, { signal });
    return readKeyObjectSelection(parseDicom(bytes));
  }
  const [found] = await client.searchForInstances(
    {},
    { sopInstanceUid: source.sopInstanceUid },
    { signal },
  );
  const located = found === undefined ? undefined : datasetFromDicomJson(found);
  const study = located?.string(StudyInstanceUID);
  const series = located?.string(SeriesInstanceUID);
  if (study === undefined || series === undefined)
    throw new ManifestNotFoundError('No Key Object Selection has that SOP Instance UID');
  const [json] = await client.retrieveInstanceMetadata(study, series, source.sopInstanceUid, {
    signal,
  });
  return readKeyObjectSelection(datasetFromDicomJson(json));
}

/** The server holds no instance of that SOP Instance UID. */
export class ManifestNotFoundError extends CourbarilError {
  override name = 'ManifestNotFoundError';
}

/** Titles of KOS that select no key images: rejection notes (CID 7011) and manifests (113030–113035). */
function selectsKeyImages(title: CodedConcept): boolean {
  const manifest = title.scheme === 'DCM' && /^1130(3[0-5])$/.test(title.value);
  return !manifest && !isRejectionNote(title);
}

/**
 * One selection from documents (their references merged, in document order). Series each
 * document names under a Retrieve URL keep it; a malformed one throws RetrieveUrlError.
 */
export function selectionOf(documents: readonly KeyObjectSelection[]): ImageSelection {
  const series = new Map<
    string,
    { studyInstanceUid: string; root: string | undefined; sopInstanceUids: Set<string> }
  >();
  for (const document of documents)
    for (const reference of document.references) {
      const root =
        reference.retrieve.url === undefined
          ? undefined
          : dicomwebRootOf(
              reference.retrieve.url,
              reference.studyInstanceUid,
              reference.seriesInstanceUid,
            );
      const known = series.get(reference.seriesInstanceUid) ?? {
        studyInstanceUid: reference.studyInstanceUid,
        root,
        sopInstanceUids: new Set<string>(),
      };
      known.sopInstanceUids.add(reference.sopInstanceUid);
      series.set(reference.seriesInstanceUid, known);
    }
  const [first] = documents;
  return {
    title: documents.length === 1 ? first?.title : undefined,
    patientId: first?.patientId,
    issuerOfPatientId: first?.issuerOfPatientId,
    otherPatientIds: first?.otherPatientIds ?? [],
    series: [...series].map(([seriesInstanceUid, item]) => ({ seriesInstanceUid, ...item })),
  };
}

/**
 * The key images of a study: what its KOS series select, rejection notes and manifests left
 * out. Undefined when the study has no such document (the whole study is shown then).
 */
export async function keyImagesOf(
  client: DicomwebClient,
  study: HistoryStudy,
  signal: AbortSignal,
): Promise<ImageSelection | undefined> {
  const documents: KeyObjectSelection[] = [];
  for (const series of study.series.filter((item) => item.modality === 'KO')) {
    const metadata = await client.retrieveSeriesMetadata(
      study.studyInstanceUid,
      series.seriesInstanceUid,
      { signal },
    );
    for (const json of metadata) {
      const document = readKeyObjectSelection(datasetFromDicomJson(json));
      if (selectsKeyImages(document.title)) documents.push(document);
    }
  }
  const own = documents.map((document) => ({
    ...document,
    // A study's key images are its own: a reference into another study is not shown with it.
    references: document.references.filter(
      (reference) => reference.studyInstanceUid === study.studyInstanceUid,
    ),
  }));
  const selection = selectionOf(own);
  return selection.series.length > 0 ? selection : undefined;
}
