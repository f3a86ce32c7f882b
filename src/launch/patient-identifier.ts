/**
 * HL7 v2 CX (extended composite ID) as IID carries it (RAD TF-3 4.106.4.1.2: patientID is formatted
 * as for the Patient Identity Feed, ITI TF-2a 3.8.4.1.2.3): `ID^^^namespace&universalId&ISO`.
 * Only components 1 (ID) and 4 (Assigning Authority, an HD) are meaningful here.
 */

/** HL7 HD (hierarchic designator): the authority that issued a patient ID. */
export interface AssigningAuthority {
  /** HD.1 Namespace ID → DICOM Issuer of Patient ID (0010,0021). */
  readonly namespaceId?: string;
  /** HD.2 Universal ID (e.g. an OID) → Universal Entity ID (0040,0032). */
  readonly universalId?: string;
  /** HD.3 Universal ID Type (e.g. ISO) → Universal Entity ID Type (0040,0033). */
  readonly universalIdType?: string;
}

export interface PatientIdentifier {
  readonly id: string;
  readonly issuer?: AssigningAuthority;
}

/** DICOM LO (Patient ID) holds at most 64 characters (PS3.5 6.2). */
const MAX_PATIENT_ID_LENGTH = 64;

/** Parses a CX value; undefined when it is not one (empty ID, too long, control characters). */
export function parseCx(text: string): PatientIdentifier | undefined {
  const components = text.split('^');
  const id = unescapeHl7(components[0] ?? '').trim();
  if (id === '' || id.length > MAX_PATIENT_ID_LENGTH || hasControlCharacter(id)) return undefined;
  if (components.length > 10) return undefined;
  const issuer = parseHd(components[3] ?? '');
  return issuer === undefined ? { id } : { id, issuer };
}

/** Parses an HD (`namespace&universalId&type`); undefined when every part is empty. */
export function parseHd(text: string): AssigningAuthority | undefined {
  const [namespaceId = '', universalId = '', universalIdType = ''] = text
    .split('&')
    .map((part) => unescapeHl7(part).trim());
  if (namespaceId === '' && universalId === '' && universalIdType === '') return undefined;
  return {
    ...(namespaceId === '' ? {} : { namespaceId }),
    ...(universalId === '' ? {} : { universalId }),
    ...(universalIdType === '' ? {} : { universalIdType }),
  };
}

/** HD text form, the inverse of parseHd (used for the viewer's `issuer` attribute). */
export function formatHd(authority: AssigningAuthority): string {
  const parts = [
    authority.namespaceId ?? '',
    authority.universalId ?? '',
    authority.universalIdType ?? '',
  ].map(escapeHl7);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join('&');
}

const ESCAPES: Readonly<Record<string, string>> = { F: '|', S: '^', T: '&', R: '~', E: '\\' };

/** HL7 v2.5 2.7.1 escape sequences inside a component (\F\ \S\ \T\ \R\ \E\). */
export function unescapeHl7(text: string): string {
  return text.replace(/\\([FSTRE])\\/g, (_, code: string) => ESCAPES[code] ?? '');
}

function escapeHl7(text: string): string {
  return text.replace(/[\\|^&~]/g, (character) => {
    const code = Object.entries(ESCAPES).find(([, value]) => value === character)?.[0] ?? 'E';
    return `\\${code}\\`;
  });
}

export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}
