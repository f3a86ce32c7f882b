/**
 * Where presentation states come from and go to on a DICOMweb server: the GSPS instances of a
 * study (its PR series, PS3.3 A.33.1) read into models, and a GSPS stored with STOW-RS.
 */
import type { DicomDataset } from '../dicom/dataset.js';
import { CourbarilError } from '../dicom/errors.js';
import { writePart10 } from '../dicom/part10-writer.js';
import {
  PresentationStateError,
  isPresentationState,
  readPresentationState,
  type PresentationState,
} from '../dicom/presentation-state.js';
import * as tags from '../dicom/tags.generated.js';
import type { DicomwebClient } from '../dicomweb/dicomweb-client.js';
import { storeInstances } from '../dicomweb/stow-rs.js';
import { studyInstancesOfModality } from './study-documents.js';

export interface StoredPresentationState {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
}

/** Stores a GSPS (e.g. from `createPresentationState`) in its study with one STOW-RS request. */
export async function storePresentationState(
  client: DicomwebClient,
  gsps: DicomDataset,
  signal?: AbortSignal,
): Promise<StoredPresentationState> {
  const studyInstanceUid = gsps.string(tags.StudyInstanceUID);
  const seriesInstanceUid = gsps.string(tags.SeriesInstanceUID);
  const sopInstanceUid = gsps.string(tags.SOPInstanceUID);
  if (!studyInstanceUid || !seriesInstanceUid || !sopInstanceUid || !isPresentationState(gsps))
    throw new PresentationStateError(
      'Not a presentation state with its study, series and instance UIDs',
    );
  await storeInstances(client, [{ part10: writePart10(gsps), sopInstanceUid }], {
    studyInstanceUid,
    ...(signal ? { signal } : {}),
  });
  return { studyInstanceUid, seriesInstanceUid, sopInstanceUid };
}

/**
 * The readable GSPS of a study, newest first (Presentation Creation Date and Time). One that
 * cannot be read is skipped, not fatal: the images still show as their headers say.
 */
export async function findPresentationStates(
  client: DicomwebClient,
  studyInstanceUid: string,
  signal?: AbortSignal,
): Promise<PresentationState[]> {
  const states: PresentationState[] = [];
  for (const dataset of await studyInstancesOfModality(client, studyInstanceUid, 'PR', signal)) {
    if (!isPresentationState(dataset)) continue;
    try {
      states.push(readPresentationState(dataset));
    } catch (error) {
      if (!(error instanceof CourbarilError)) throw error;
    }
  }
  const when = (state: PresentationState): string =>
    `${state.creationDate ?? ''}${state.creationTime ?? ''}`;
  return states.sort((a, b) => when(b).localeCompare(when(a)));
}
