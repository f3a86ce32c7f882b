/**
 * One launch, whatever launched it: an IHE Invoke Image Display URL (RAD-106) or the DRIMbox
 * contextual call of a French portal or DMP client. Plain data (JSON round-trips it), so a portal
 * server can build it, keep it and hand it to the page that embeds the viewer.
 */
import type { DicomJsonObject } from '../dicom/json-dataset.js';
import type { IidDateTime } from './iid-values.js';
import { parseInvokeImageDisplay } from './invoke-image-display.js';
import type { LaunchIdentity } from './launch-identity.js';
import type { PatientIdentifier } from './patient-identifier.js';

/** Which studies of the patient's history to list (IID's PATIENT request filters). */
export interface HistoryFilter {
  /** Studies on or after this date and time (StudyDate / StudyTime). */
  readonly lowerDateTime?: IidDateTime;
  /** Studies on or before this date and time. */
  readonly upperDateTime?: IidDateTime;
  /** Studies holding a series of one of these modalities (ModalitiesInStudy); empty = all. */
  readonly modalities?: readonly string[];
  /** Only this many most recent studies. */
  readonly mostRecent?: number;
}

export interface LaunchContext {
  /** Who launched: an IID URL, a DRIMbox contextual call, or the portal itself (an exam code). */
  readonly source: 'iid' | 'drimbox' | 'portal';
  /** PATIENT: the patient's history; STUDY: the named studies (with the history beside them). */
  readonly requestType: 'PATIENT' | 'STUDY';
  /** Patient ID and issuer as the archive indexes them (PatientID, IssuerOfPatientID). */
  readonly patient: PatientIdentifier | undefined;
  /** Who the launch says the patient is: shown, and compared with every opened study. */
  readonly identity: LaunchIdentity | undefined;
  readonly studyInstanceUids: readonly string[];
  readonly accessionNumbers: readonly string[];
  readonly filter: HistoryFilter;
  /** Show only the images a study's Key Object Selection documents select. */
  readonly keyImagesOnly: boolean;
  /** IID diagnosticQuality: true = lossless full resolution required. */
  readonly diagnosticQuality: boolean | undefined;
  /**
   * A KOS manifest to open instead of the history, as DICOM JSON (PS3.18 F.2): what a DRIMbox
   * found shared for the called study (its series may each name another DICOMweb source).
   */
  readonly manifest?: DicomJsonObject | undefined;
}

/**
 * The launch context of an IID request URL (or its query string). Throws
 * {@link InvokeImageDisplayError} naming the parameter at fault, never its value.
 */
export function launchContextFromIid(url: string | URL): LaunchContext {
  const request = parseInvokeImageDisplay(url);
  const name = request.patientName;
  const identity: LaunchIdentity = {
    ...(name && name.family !== '' ? { birthName: name.family } : {}),
    ...(name && name.given.length > 0 ? { givenNames: name.given } : {}),
    ...(request.patientBirthDate === undefined ? {} : { birthDate: request.patientBirthDate }),
  };
  const common = {
    source: 'iid' as const,
    patient: request.patient,
    identity: Object.keys(identity).length > 0 ? identity : undefined,
    keyImagesOnly: request.keyImagesOnly ?? false,
    diagnosticQuality: request.diagnosticQuality,
  };
  if (request.requestType === 'STUDY') {
    return {
      ...common,
      requestType: 'STUDY',
      studyInstanceUids: request.studyInstanceUids,
      accessionNumbers: request.accessionNumbers,
      filter: {},
    };
  }
  return {
    ...common,
    requestType: 'PATIENT',
    studyInstanceUids: [],
    accessionNumbers: [],
    filter: {
      ...(request.lowerDateTime ? { lowerDateTime: request.lowerDateTime } : {}),
      ...(request.upperDateTime ? { upperDateTime: request.upperDateTime } : {}),
      ...(request.modalitiesInStudy.length > 0 ? { modalities: request.modalitiesInStudy } : {}),
      ...(request.mostRecentResults === undefined ? {} : { mostRecent: request.mostRecentResults }),
    },
  };
}
