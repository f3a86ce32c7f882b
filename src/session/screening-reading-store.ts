/**
 * Where a screening reading goes and where prior readings come from: the reading as a TID 4200
 * Breast Imaging Report and, when a view is technically insufficient, a KOS titled (113001, DCM,
 * "Rejected for Quality Reasons") selecting those views, both stored with STOW-RS in the study
 * read; and the Breast Imaging Reports a study already holds, read back for the double reading.
 * A host that stores elsewhere gives `<cb-reading-form>` a callback instead (see there).
 */
import {
  createBreastImagingReport,
  type ReadingObserver,
} from '../dicom/breast-imaging-report-writer.js';
import {
  isBreastImagingReport,
  readBreastImagingReport,
} from '../dicom/breast-imaging-report-reader.js';
import { QUALITY_REASON_CODES } from '../dicom/breast-imaging-codes.js';
import type { ScreeningReading, StoredScreeningReading } from '../dicom/breast-reading.js';
import type { DicomDataset } from '../dicom/dataset.js';
import { CourbarilError } from '../dicom/errors.js';
import { datasetFromDicomJson, type JsonDataset } from '../dicom/json-dataset.js';
import { KeyObjectTitles } from '../dicom/key-object-selection.js';
import { createKeyObjectSelection } from '../dicom/key-object-writer.js';
import { writePart10 } from '../dicom/part10-writer.js';
import * as tags from '../dicom/tags.js';
import { DicomwebClient } from '../dicomweb/dicomweb-client.js';
import type { RequestHeadersInit } from '../dicomweb/dicomweb-transport.js';
import { storeInstances } from '../dicomweb/stow-rs.js';
import { studyInstancesOfModality } from './study-documents.js';

/** A reading the form cannot store: no observer, no image of the study, nowhere to store. */
export class ReadingStoreError extends CourbarilError {
  override name = 'ReadingStoreError';
}

export interface StoredObject {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
}

/** What was written for one submitted reading. */
export interface WrittenReading {
  readonly report: JsonDataset;
  /** The "Rejected for Quality Reasons" KOS, when a view was technically insufficient. */
  readonly rejection: JsonDataset | undefined;
}

export interface WriteReadingOptions {
  readonly reading: ScreeningReading;
  /** An image of the study (its Patient and Study modules go into both documents). */
  readonly patientStudy: DicomDataset;
  readonly observer: ReadingObserver;
  readonly language?: 'en' | 'fr';
}

/** Makes the report and, if a view is insufficient, the rejection KOS, in one new series. */
export function writeScreeningReading(options: WriteReadingOptions): WrittenReading {
  const report = createBreastImagingReport(options);
  const insufficient = options.reading.views.filter((view) => view.quality === 'insufficient');
  const rejection =
    insufficient.length === 0
      ? undefined
      : createKeyObjectSelection({
          patientStudy: options.patientStudy,
          title: KeyObjectTitles.rejectedForQualityReasons,
          items: insufficient.map((view) => ({
            ...view.image,
            ...(view.image.frame !== undefined ? { frames: [view.image.frame] } : {}),
          })),
          // The reasons, coded in the report, named here for a reader of the KOS alone.
          description: insufficient
            .map(
              (view) =>
                `${view.breast === 'right' ? 'R' : 'L'}${view.viewPosition}: ${view.reasons
                  .map((reason) => QUALITY_REASON_CODES[reason].meaning)
                  .join(', ')}`,
            )
            .join('; '),
          observerName: options.observer.name,
          seriesDescription: 'Technically insufficient views',
          seriesNumber: 2,
        });
  return { report, rejection };
}

export interface StoredReading {
  readonly report: StoredObject;
  readonly rejection: StoredObject | undefined;
}

/** Stores what `writeScreeningReading` made, with one STOW-RS request into the study. */
export async function storeScreeningReading(
  client: DicomwebClient,
  written: WrittenReading,
  signal?: AbortSignal,
): Promise<StoredReading> {
  const documents = [written.report, ...(written.rejection ? [written.rejection] : [])];
  const studyInstanceUid = written.report.string(tags.StudyInstanceUID) ?? '';
  await storeInstances(
    client,
    documents.map((document) => ({
      part10: writePart10(document),
      sopInstanceUid: document.string(tags.SOPInstanceUID) ?? '',
    })),
    { studyInstanceUid, ...(signal ? { signal } : {}) },
  );
  return {
    report: storedObject(written.report),
    rejection: written.rejection ? storedObject(written.rejection) : undefined,
  };
}

function storedObject(document: DicomDataset): StoredObject {
  return {
    studyInstanceUid: document.string(tags.StudyInstanceUID) ?? '',
    seriesInstanceUid: document.string(tags.SeriesInstanceUID) ?? '',
    sopInstanceUid: document.string(tags.SOPInstanceUID) ?? '',
  };
}

/**
 * The Breast Imaging Reports of a study, oldest first (Content Date and Time): its SR series'
 * metadata, each document that is a TID 4200 report read into a reading.
 */
export async function findScreeningReadings(
  client: DicomwebClient,
  studyInstanceUid: string,
  signal?: AbortSignal,
): Promise<StoredScreeningReading[]> {
  const readings: StoredScreeningReading[] = [];
  for (const dataset of await studyInstancesOfModality(client, studyInstanceUid, 'SR', signal))
    if (isBreastImagingReport(dataset)) readings.push(readBreastImagingReport(dataset));
  const when = (reading: StoredScreeningReading): string =>
    `${reading.contentDate ?? ''}${reading.contentTime ?? ''}`;
  return readings.sort((a, b) => when(a).localeCompare(when(b)));
}

/**
 * What `<cb-reading-form server>` asks of the session: the study's previous readings, and storing
 * a new one on the same server. One per form; its requests stop when `signal` aborts.
 */
export class ScreeningReadingService {
  readonly #client: DicomwebClient;

  constructor(client: DicomwebClient) {
    this.#client = client;
  }

  findReadings(studyInstanceUid: string, signal?: AbortSignal): Promise<StoredScreeningReading[]> {
    return findScreeningReadings(this.#client, studyInstanceUid, signal);
  }

  /** An image's data set (for the Patient and Study modules of what we write). */
  async instance(
    image: { studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string },
    signal?: AbortSignal,
  ): Promise<DicomDataset> {
    const [json] = await this.#client.retrieveInstanceMetadata(
      image.studyInstanceUid,
      image.seriesInstanceUid,
      image.sopInstanceUid,
      signal ? { signal } : {},
    );
    return datasetFromDicomJson(json);
  }

  store(written: WrittenReading, signal?: AbortSignal): Promise<StoredReading> {
    return storeScreeningReading(this.#client, written, signal);
  }
}

/** A service on a DICOMweb root, with the host's fetch and headers (for a form on its own). */
export function createScreeningReadingService(options: {
  readonly server: string;
  readonly fetch?: typeof fetch | undefined;
  readonly requestHeaders?: RequestHeadersInit | undefined;
  /** The host's `refreshToken` as it is now: read at each 401. */
  readonly currentRefreshToken?: (() => (() => Promise<void>) | undefined) | undefined;
}): ScreeningReadingService {
  return new ScreeningReadingService(
    new DicomwebClient({
      url: options.server,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.requestHeaders !== undefined ? { requestHeaders: options.requestHeaders } : {}),
      ...(options.currentRefreshToken ? { currentRefreshToken: options.currentRefreshToken } : {}),
    }),
  );
}
