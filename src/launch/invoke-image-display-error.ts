import { CourbarilError } from '../dicom/errors.js';

/** Why an IHE Invoke Image Display (RAD-106) request was refused. */
export type InvokeImageDisplayErrorCode =
  | 'invalid-url'
  | 'missing-request-type'
  | 'unsupported-request-type'
  | 'duplicate-parameter'
  | 'missing-patient-id'
  | 'invalid-patient-id'
  | 'invalid-patient-name'
  | 'invalid-birth-date'
  | 'missing-study-identifier'
  | 'conflicting-study-identifiers'
  | 'invalid-study-uid'
  | 'invalid-accession-number'
  | 'parameter-not-allowed'
  | 'invalid-date-time'
  | 'invalid-date-range'
  | 'invalid-most-recent-results'
  | 'invalid-modality'
  | 'unsupported-viewer-type'
  | 'invalid-boolean';

/**
 * A refused IID request. The message names the parameter, never its value: values are patient
 * identifiers or study identifiers and end up in logs (common.md: no patient data in messages).
 */
export class InvokeImageDisplayError extends CourbarilError {
  override name = 'InvokeImageDisplayError';
  constructor(
    readonly code: InvokeImageDisplayErrorCode,
    /** The IID parameter at fault (its name, e.g. 'patientID'), when there is one. */
    readonly parameter?: string,
  ) {
    super(messageFor(code, parameter));
  }
}

function messageFor(code: InvokeImageDisplayErrorCode, parameter: string | undefined): string {
  const where = parameter === undefined ? '' : ` (parameter "${parameter}")`;
  switch (code) {
    case 'invalid-url':
      return 'Invoke Image Display request is not a valid URL';
    case 'missing-request-type':
      return 'Invoke Image Display request has no requestType (STUDY or PATIENT)';
    case 'unsupported-request-type':
      return 'requestType must be STUDY or PATIENT';
    case 'duplicate-parameter':
      return `A parameter is given more than once${where}`;
    case 'missing-patient-id':
      return 'A PATIENT request needs patientID';
    case 'invalid-patient-id':
      return `patientID is not an HL7 CX value (ID^^^namespace&universalId&type)${where}`;
    case 'invalid-patient-name':
      return `patientName is not an HL7 XPN value (family^given)${where}`;
    case 'invalid-birth-date':
      return `patientBirthDate is not a calendar date (YYYYMMDD)${where}`;
    case 'missing-study-identifier':
      return 'A STUDY request needs studyUID or accessionNumber';
    case 'conflicting-study-identifiers':
      return 'A STUDY request gives studyUID or accessionNumber, not both';
    case 'invalid-study-uid':
      return `studyUID holds a value that is not a DICOM UID${where}`;
    case 'invalid-accession-number':
      return `accessionNumber holds an empty or over-long value${where}`;
    case 'parameter-not-allowed':
      return `Parameter not allowed for this requestType${where}`;
    case 'invalid-date-time':
      return `Not an XML dateTime (YYYY-MM-DDThh:mm:ss)${where}`;
    case 'invalid-date-range':
      return 'lowerDateTime is after upperDateTime';
    case 'invalid-most-recent-results':
      return 'mostRecentResults must be a positive whole number';
    case 'invalid-modality':
      return `modalitiesInStudy holds a value that is not a DICOM modality code${where}`;
    case 'unsupported-viewer-type':
      return 'viewerType is not supported (supported: IHE_BIR)';
    case 'invalid-boolean':
      return `Expected true or false${where}`;
  }
}
