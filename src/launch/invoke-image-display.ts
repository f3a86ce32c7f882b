/**
 * IHE Invoke Image Display (IID, RAD TF-2 / RAD TF-3 4.106 "Invoke Image Display" transaction):
 * a portal opens `…/IHEInvokeImageDisplay?requestType=PATIENT&patientID=…` and the viewer shows
 * that patient's or those studies' images. The server is not part of IID: the host configures it.
 */
import { InvokeImageDisplayError } from './invoke-image-display-error.js';
import {
  isDicomUid,
  isModalityCode,
  parseIidBoolean,
  parseIidDateTime,
  parseBirthDate,
  parseXpn,
  readQuery,
  splitList,
  type IidDateTime,
  type LaunchPersonName,
} from './iid-values.js';
import { formatHd, parseCx, type PatientIdentifier } from './patient-identifier.js';

/** Display preferences common to both request types (RAD TF-3 Table 4.106.4.1.2-3). */
export interface DisplayPreferences {
  /** 'IHE_BIR' (Basic Image Review) or undefined when the invoker left the choice to us. */
  readonly viewerType: 'IHE_BIR' | undefined;
  /** true: lossless, full-resolution pixels required; false: review quality acceptable. */
  readonly diagnosticQuality: boolean | undefined;
  /** true: open with key images (KOS-flagged) only. */
  readonly keyImagesOnly: boolean | undefined;
}

/**
 * What the invoker says about the patient besides the ID (RAD TF-3 Table 4.106.4.1.2-1): not
 * search keys, but what the viewer shows and checks the studies against.
 */
export interface PatientTraits {
  /** patientName, an HL7 XPN (`family^given^second given names`). */
  readonly patientName: LaunchPersonName | undefined;
  /** patientBirthDate as DICOM DA (YYYYMMDD). */
  readonly patientBirthDate: string | undefined;
}

/** requestType=PATIENT: every study of one patient, optionally filtered (Table 4.106.4.1.2-1). */
export interface PatientViewerRequest extends DisplayPreferences, PatientTraits {
  readonly requestType: 'PATIENT';
  readonly patient: PatientIdentifier;
  readonly lowerDateTime: IidDateTime | undefined;
  readonly upperDateTime: IidDateTime | undefined;
  /** Show only this many most recent studies. */
  readonly mostRecentResults: number | undefined;
  /** Studies containing a series of any of these modalities; empty = all. */
  readonly modalitiesInStudy: readonly string[];
}

/** requestType=STUDY: named studies, by Study Instance UID or by Accession Number (Table 4.106.4.1.2-2). */
export interface StudyViewerRequest extends DisplayPreferences, PatientTraits {
  readonly requestType: 'STUDY';
  readonly studyInstanceUids: readonly string[];
  readonly accessionNumbers: readonly string[];
  /** Optional in a STUDY request; lets the viewer check the studies belong to this patient. */
  readonly patient: PatientIdentifier | undefined;
}

export type ViewerRequest = PatientViewerRequest | StudyViewerRequest;

/** The `<cb-viewer>` attributes a request maps onto (the host adds `server`). */
export interface ViewerAttributes {
  readonly 'patient-id'?: string;
  /** HL7 HD form `namespace&universalId&type`. */
  readonly issuer?: string;
  /** Study Instance UIDs separated by spaces (an HTML token list). */
  readonly study?: string;
  /** Accession numbers separated by spaces. */
  readonly 'accession-number'?: string;
}

const PATIENT_ONLY = [
  'lowerDateTime',
  'upperDateTime',
  'mostRecentResults',
  'modalitiesInStudy',
] as const;
const STUDY_ONLY = ['studyUID', 'accessionNumber'] as const;
const KNOWN = new Set<string>([
  'requestType',
  'patientID',
  'patientName',
  'patientBirthDate',
  'viewerType',
  'diagnosticQuality',
  'keyImagesOnly',
  ...PATIENT_ONLY,
  ...STUDY_ONLY,
]);
/** Accession Number (0008,0050) is SH: at most 16 characters, no backslash (PS3.5 6.2). */
const ACCESSION_NUMBER = /^[\x20-\x5b\x5d-\x7e\u00a0-\uffff]{1,16}$/;

/**
 * Reads an IID request URL. Unknown parameters are ignored (IID lets invokers add vendor ones);
 * a known parameter given twice, a missing or conflicting identifier, or an unsupported value
 * throws {@link InvokeImageDisplayError}, whose message never contains the values.
 */
export function parseInvokeImageDisplay(url: string | URL): ViewerRequest {
  const query = readQuery(searchOf(url));
  const single = (name: string): string | undefined => {
    const values = KNOWN.has(name) ? query.get(name) : undefined;
    if (values === undefined) return undefined;
    if (values.length > 1) throw new InvokeImageDisplayError('duplicate-parameter', name);
    const value = values[0]?.trim();
    return value === '' ? undefined : value;
  };
  const requestType = single('requestType')?.toUpperCase();
  if (requestType === undefined)
    throw new InvokeImageDisplayError('missing-request-type', 'requestType');
  if (requestType !== 'PATIENT' && requestType !== 'STUDY') {
    throw new InvokeImageDisplayError('unsupported-request-type', 'requestType');
  }
  const preferences = { ...readPreferences(single), ...readTraits(single) };
  const patientText = single('patientID');
  const patient = patientText === undefined ? undefined : parseCx(patientText);
  if (patientText !== undefined && patient === undefined) {
    throw new InvokeImageDisplayError('invalid-patient-id', 'patientID');
  }

  if (requestType === 'PATIENT') {
    for (const name of STUDY_ONLY) {
      if (single(name) !== undefined)
        throw new InvokeImageDisplayError('parameter-not-allowed', name);
    }
    if (patient === undefined) throw new InvokeImageDisplayError('missing-patient-id', 'patientID');
    return { requestType, patient, ...preferences, ...readPatientFilters(single) };
  }

  for (const name of PATIENT_ONLY) {
    if (single(name) !== undefined)
      throw new InvokeImageDisplayError('parameter-not-allowed', name);
  }
  const studyInstanceUids = splitList(single('studyUID') ?? '');
  const accessionNumbers = splitList(single('accessionNumber') ?? '');
  if (studyInstanceUids.length > 0 && accessionNumbers.length > 0) {
    throw new InvokeImageDisplayError('conflicting-study-identifiers');
  }
  if (studyInstanceUids.length === 0 && accessionNumbers.length === 0) {
    throw new InvokeImageDisplayError('missing-study-identifier');
  }
  if (!studyInstanceUids.every(isDicomUid))
    throw new InvokeImageDisplayError('invalid-study-uid', 'studyUID');
  if (!accessionNumbers.every((value) => ACCESSION_NUMBER.test(value))) {
    throw new InvokeImageDisplayError('invalid-accession-number', 'accessionNumber');
  }
  return {
    requestType,
    studyInstanceUids: unique(studyInstanceUids),
    accessionNumbers: unique(accessionNumbers),
    patient,
    ...preferences,
  };
}

/** The `<cb-viewer>` attributes for a request. */
export function viewerAttributesOf(request: ViewerRequest): ViewerAttributes {
  const patient = request.patient;
  const attributes: { -readonly [K in keyof ViewerAttributes]: ViewerAttributes[K] } = {};
  if (patient !== undefined) {
    attributes['patient-id'] = patient.id;
    if (patient.issuer !== undefined) attributes.issuer = formatHd(patient.issuer);
  }
  if (request.requestType === 'STUDY') {
    if (request.studyInstanceUids.length > 0)
      attributes.study = request.studyInstanceUids.join(' ');
    if (request.accessionNumbers.length > 0)
      attributes['accession-number'] = request.accessionNumbers.join(' ');
  }
  return attributes;
}

type Single = (name: string) => string | undefined;

function readTraits(single: Single): PatientTraits {
  const nameText = single('patientName');
  const patientName = nameText === undefined ? undefined : parseXpn(nameText);
  if (nameText !== undefined && patientName === undefined)
    throw new InvokeImageDisplayError('invalid-patient-name', 'patientName');
  const birthText = single('patientBirthDate');
  const patientBirthDate = birthText === undefined ? undefined : parseBirthDate(birthText);
  if (birthText !== undefined && patientBirthDate === undefined)
    throw new InvokeImageDisplayError('invalid-birth-date', 'patientBirthDate');
  return { patientName, patientBirthDate };
}

function readPreferences(single: Single): DisplayPreferences {
  const viewerType = single('viewerType');
  // RAD TF-3 4.106.4.1.2: IHE_BIR is the only viewer type IID defines; others are vendor names.
  if (viewerType !== undefined && viewerType !== 'IHE_BIR') {
    throw new InvokeImageDisplayError('unsupported-viewer-type', 'viewerType');
  }
  const flag = (name: string): boolean | undefined => {
    const text = single(name);
    return text === undefined ? undefined : parseIidBoolean(text, name);
  };
  return {
    viewerType,
    diagnosticQuality: flag('diagnosticQuality'),
    keyImagesOnly: flag('keyImagesOnly'),
  };
}

function readPatientFilters(
  single: Single,
): Omit<
  PatientViewerRequest,
  'requestType' | 'patient' | keyof DisplayPreferences | keyof PatientTraits
> {
  const lowerText = single('lowerDateTime');
  const upperText = single('upperDateTime');
  const lowerDateTime =
    lowerText === undefined ? undefined : parseIidDateTime(lowerText, 'lowerDateTime');
  const upperDateTime =
    upperText === undefined ? undefined : parseIidDateTime(upperText, 'upperDateTime');
  if (
    lowerDateTime &&
    upperDateTime &&
    lowerDateTime.date + lowerDateTime.time > upperDateTime.date + upperDateTime.time
  ) {
    throw new InvokeImageDisplayError('invalid-date-range');
  }
  const recentText = single('mostRecentResults');
  const mostRecentResults = recentText === undefined ? undefined : Number(recentText);
  if (
    mostRecentResults !== undefined &&
    !(Number.isSafeInteger(mostRecentResults) && mostRecentResults > 0)
  ) {
    throw new InvokeImageDisplayError('invalid-most-recent-results', 'mostRecentResults');
  }
  const modalitiesInStudy = splitList(single('modalitiesInStudy') ?? '').map((code) =>
    code.toUpperCase(),
  );
  if (!modalitiesInStudy.every(isModalityCode)) {
    throw new InvokeImageDisplayError('invalid-modality', 'modalitiesInStudy');
  }
  return {
    lowerDateTime,
    upperDateTime,
    mostRecentResults,
    modalitiesInStudy: unique(modalitiesInStudy),
  };
}

function searchOf(url: string | URL): string {
  if (url instanceof URL) return url.search;
  const question = url.indexOf('?');
  if (question >= 0) return url.slice(question).split('#')[0] ?? '';
  // A bare query string ("requestType=…") is accepted as well as a full or relative URL.
  if (url.includes('=')) return url.split('#')[0] ?? '';
  throw new InvokeImageDisplayError('invalid-url');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
