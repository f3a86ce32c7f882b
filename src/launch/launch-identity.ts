/**
 * Who a launch says the images belong to: the strict identity traits of the French identity
 * vigilance rules (RNIV: birth name, birth given names, birth date, sex, birthplace code) and the
 * national health identifier (INS) with its qualification status. The viewer shows them and
 * compares each opened study's Patient module with them; it never searches by them.
 */

/** The INS authorities (ANS, "Référentiel INS"): the OID names what kind of matricule it is. */
export const INS_OIDS = {
  /** INS-NIR: the NIR (social security number) used as health identifier. */
  '1.2.250.1.213.1.4.8': 'INS-NIR',
  /** INS-NIA: the provisional number while the NIR is being assigned. */
  '1.2.250.1.213.1.4.9': 'INS-NIA',
  /** A NIR of the INSi test environment. */
  '1.2.250.1.213.1.4.10': 'INS-NIR-TEST',
  /** A NIR of the INSi demonstration environment. */
  '1.2.250.1.213.1.4.11': 'INS-NIR-DEMO',
} as const;

export type InsKind = (typeof INS_OIDS)[keyof typeof INS_OIDS];

export interface InsIdentifier {
  /** The 15-character matricule (13 characters and a 2-digit key). */
  readonly value: string;
  /** The assigning authority's OID (one of {@link INS_OIDS}). */
  readonly system: string;
  readonly kind: InsKind;
  /**
   * The identity was qualified (checked with the INSi teleservice and on a high-trust document).
   * RNIV: an INS may be shown and used only for a qualified identity.
   */
  readonly qualified: boolean;
}

/** DICOM Patient's Sex (0010,0040) codes (PS3.3 C.7.1.1). */
export type PatientSex = 'F' | 'M' | 'O';

export interface LaunchIdentity {
  /** Birth name (nom de naissance); for a non-INS launch, the family name given. */
  readonly birthName?: string;
  /** Birth given names in order; the first is the first given name (premier prénom). */
  readonly givenNames?: readonly string[];
  /** DICOM DA form, YYYYMMDD. */
  readonly birthDate?: string;
  readonly sex?: PatientSex;
  /** INSEE code of the birthplace (commune, or 99xxx for a country). */
  readonly birthplaceCode?: string;
  readonly ins?: InsIdentifier;
}

/** The OID of an INS system, bare or as `urn:oid:…`; undefined when it is not an INS authority. */
export function insKindOf(system: string): { oid: string; kind: InsKind } | undefined {
  const oid = system.trim().replace(/^urn:oid:/i, '');
  const kind = (INS_OIDS as Readonly<Record<string, InsKind | undefined>>)[oid];
  return kind === undefined ? undefined : { oid, kind };
}

/**
 * A NIR or NIA matricule: 13 characters then the key, 97 − (number mod 97) on two digits. Corsica
 * departments 2A / 2B count as 19 / 18 for the key (INSEE rule for the NIR key).
 */
export function isInsMatricule(value: string): boolean {
  const match = /^([12378]\d{4}(?:\d{2}|2A|2B)\d{6})(\d{2})$/.exec(value);
  if (!match) return false;
  const [, body = '', key = ''] = match;
  const digits = body.replace('2A', '19').replace('2B', '18');
  return 97 - Number(BigInt(digits) % 97n) === Number(key);
}
