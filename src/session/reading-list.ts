/**
 * A reading list's cases as the host names them (a Study Instance UID or an accession number),
 * resolved to one study with a QIDO-RS studies search (PS3.18 10.6). A case that names no study
 * on the server, or an accession number shared by several, is reported as such: the reading list
 * shows it and the reader moves past it knowingly, never silently.
 */
import { CourbarilError } from '../dicom/errors.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import { StudyInstanceUID } from '../dicom/tags.generated.js';
import { DicomwebClient } from '../dicomweb/dicomweb-client.js';
import type { RequestHeadersInit } from '../dicomweb/dicomweb-transport.js';
import { checkIdentifier } from '../dicomweb/query-identifier.js';

/** One case of a reading list: a study, by its UID or its accession number. */
export interface ReadingCase {
  readonly studyInstanceUid?: string;
  readonly accessionNumber?: string;
}

/** What a case came to on the server. */
export type CaseResolution =
  | { readonly status: 'resolved'; readonly studyInstanceUid: string }
  /** No study on the server answers to it. */
  | { readonly status: 'unknown' }
  /** The accession number names several studies: which one is meant is the host's to say. */
  | { readonly status: 'ambiguous'; readonly count: number }
  /** Neither identifier, or one that is not an exact value (a wildcard, a malformed UID). */
  | { readonly status: 'invalid' }
  /** The server could not be asked (network, refusal): `error` says why, without identifiers. */
  | { readonly status: 'failed'; readonly error: unknown };

/** A case the reading list could not open (its `status`); never carries the identifier. */
export class ReadingCaseError extends CourbarilError {
  override name = 'ReadingCaseError';
  constructor(readonly status: Exclude<CaseResolution['status'], 'resolved'>) {
    super(`Reading list case not opened: ${status}`);
  }
}

export class ReadingListService {
  readonly #client: DicomwebClient;

  constructor(client: DicomwebClient) {
    this.#client = client;
  }

  /** Resolves a case with one QIDO-RS search (by UID, else by accession number). */
  async resolve(item: ReadingCase, signal: AbortSignal): Promise<CaseResolution> {
    const studyInstanceUid = item.studyInstanceUid?.trim() || undefined;
    const accessionNumber = item.accessionNumber?.trim() || undefined;
    try {
      checkIdentifier('study', studyInstanceUid);
      checkIdentifier('accession-number', accessionNumber);
    } catch {
      return { status: 'invalid' };
    }
    if (studyInstanceUid === undefined && accessionNumber === undefined)
      return { status: 'invalid' };
    try {
      const found = await this.#client.searchForStudies(
        studyInstanceUid !== undefined
          ? { studyInstanceUid }
          : { accessionNumber: accessionNumber ?? '' },
        { signal },
      );
      // PS3.18 8.3.4.1 leaves matching to the server: keep only exact answers.
      const uids = [
        ...new Set(
          found
            .map((json) => datasetFromDicomJson(json).string(StudyInstanceUID))
            .filter((uid): uid is string => uid !== undefined && uid !== ''),
        ),
      ].filter((uid) => studyInstanceUid === undefined || uid === studyInstanceUid);
      const [first] = uids;
      if (first === undefined) return { status: 'unknown' };
      if (uids.length > 1) return { status: 'ambiguous', count: uids.length };
      return { status: 'resolved', studyInstanceUid: first };
    } catch (error) {
      signal.throwIfAborted();
      return { status: 'failed', error };
    }
  }
}

export function createReadingListService(options: {
  readonly server: string;
  readonly requestHeaders?: RequestHeadersInit | undefined;
  /** The host's `refreshToken` as it is now: read at each 401. */
  readonly currentRefreshToken?: (() => (() => Promise<void>) | undefined) | undefined;
}): ReadingListService {
  return new ReadingListService(
    new DicomwebClient({
      url: options.server,
      ...(options.requestHeaders !== undefined ? { requestHeaders: options.requestHeaders } : {}),
      ...(options.currentRefreshToken ? { currentRefreshToken: options.currentRefreshToken } : {}),
    }),
  );
}
