/**
 * Identifiers the viewer searches by are exact values, never patterns. In QIDO-RS a `*` or `?` in a
 * Patient ID, issuer or accession number is a wildcard (PS3.4 C.2.2.2.4) and a backslash separates
 * values (PS3.5 6.2, multi-value matching): `patient-id="*"` would list every patient. Control
 * characters are in no LO / SH value (PS3.5 6.1.3). Such an identifier is refused before any request.
 */
import { CourbarilError } from '../dicom/errors.js';

/** Which identifier was refused; the message never carries its value. */
export type IdentifierField = 'patient-id' | 'issuer' | 'accession-number' | 'study';

export class InvalidIdentifierError extends CourbarilError {
  override name = 'InvalidIdentifierError';
  constructor(readonly field: IdentifierField) {
    super(`The ${field} holds a wildcard, a value separator or a control character`);
  }
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_EXACT = /[*?\\\u0000-\u001f\u007f-\u009f]/;
/** PS3.5 9.1: a UID is digits and dots, at most 64 characters. */
const UID = /^[0-9]+(\.[0-9]+)*$/;

/** Throws InvalidIdentifierError unless `value` can only match itself. */
export function checkIdentifier(field: IdentifierField, value: string | undefined): void {
  if (value === undefined) return;
  const bad = field === 'study' ? !UID.test(value) || value.length > 64 : NOT_EXACT.test(value);
  if (bad) throw new InvalidIdentifierError(field);
}
