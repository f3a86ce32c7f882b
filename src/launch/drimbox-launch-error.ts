import { CourbarilError } from '../dicom/errors.js';

/** Why a DRIMbox contextual call was refused. */
export type DrimboxLaunchErrorCode =
  | 'unknown-parameter'
  | 'empty-parameter'
  | 'duplicate-parameter'
  | 'missing-parameter'
  | 'invalid-value'
  | 'patient-opposed';

/**
 * A refused DRIMbox contextual call. `parameter` names the field at fault; the message never
 * holds a value (they are identity traits and the INS). `patient-opposed` is no fault of the
 * caller: the information flag says the patient opposed the consultation, so nothing opens.
 */
export class DrimboxLaunchError extends CourbarilError {
  override name = 'DrimboxLaunchError';
  constructor(
    readonly code: DrimboxLaunchErrorCode,
    readonly parameter: string,
  ) {
    super(messageFor(code, parameter));
  }
}

function messageFor(code: DrimboxLaunchErrorCode, parameter: string): string {
  switch (code) {
    case 'unknown-parameter':
      return `The contextual call has a parameter the DRIMbox does not define ("${parameter}")`;
    case 'empty-parameter':
      return `Parameter "${parameter}" is empty`;
    case 'duplicate-parameter':
      return `Parameter "${parameter}" is given more than once`;
    case 'missing-parameter':
      return `Parameter "${parameter}" is required`;
    case 'invalid-value':
      return `Parameter "${parameter}" does not hold a valid value`;
    case 'patient-opposed':
      return `The patient opposed the consultation of their images ("${parameter}"): nothing is opened`;
  }
}
