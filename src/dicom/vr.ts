import type { Vr } from './dataset.js';

/** Every VR of PS3.5 §6.2 (Table 6.2-1). */
const ALL_VRS: ReadonlySet<string> = new Set<Vr>([
  'AE',
  'AS',
  'AT',
  'CS',
  'DA',
  'DS',
  'DT',
  'FD',
  'FL',
  'IS',
  'LO',
  'LT',
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'PN',
  'SH',
  'SL',
  'SQ',
  'SS',
  'ST',
  'SV',
  'TM',
  'UC',
  'UI',
  'UL',
  'UN',
  'UR',
  'US',
  'UT',
  'UV',
]);

export function isVr(text: string): text is Vr {
  return ALL_VRS.has(text);
}

/** PS3.5 §7.1.2: these VRs have 2 reserved bytes and a 32-bit length in explicit VR. */
const LONG_LENGTH_VRS: ReadonlySet<Vr> = new Set<Vr>([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);

export function hasLongLength(vr: Vr): boolean {
  return LONG_LENGTH_VRS.has(vr);
}

/** Character strings whose bytes follow Specific Character Set (PS3.5 §6.1.2.3). */
const CHARSET_VRS: ReadonlySet<Vr> = new Set<Vr>(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

export function usesSpecificCharacterSet(vr: Vr): boolean {
  return CHARSET_VRS.has(vr);
}

const STRING_VRS: ReadonlySet<Vr> = new Set<Vr>([
  'AE',
  'AS',
  'CS',
  'DA',
  'DS',
  'DT',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'ST',
  'TM',
  'UC',
  'UI',
  'UR',
  'UT',
]);

export function isStringVr(vr: Vr): boolean {
  return STRING_VRS.has(vr);
}

/** PS3.5 §6.2: LT, ST, UT and UR are single-valued; a backslash in them is text, not a delimiter. */
const SINGLE_VALUE_STRING_VRS: ReadonlySet<Vr> = new Set<Vr>(['LT', 'ST', 'UT', 'UR']);

export function isMultiValueStringVr(vr: Vr): boolean {
  return !SINGLE_VALUE_STRING_VRS.has(vr);
}

/**
 * Size of one binary value, i.e. the unit to byte-swap for big endian (PS3.5 §7.3).
 * OB and UN are byte streams (1); AT is a pair of 16-bit numbers (2).
 */
export function binaryWordSize(vr: Vr): number {
  switch (vr) {
    case 'AT':
    case 'OW':
    case 'SS':
    case 'US':
      return 2;
    case 'FL':
    case 'OF':
    case 'OL':
    case 'SL':
    case 'UL':
      return 4;
    case 'FD':
    case 'OD':
    case 'OV':
    case 'SV':
    case 'UV':
      return 8;
    default:
      return 1;
  }
}

/** VRs whose value is binary numbers (values readable through `numbers()`). */
export function isBinaryNumberVr(vr: Vr): boolean {
  switch (vr) {
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
    case 'SV':
    case 'UV':
    case 'OW':
    case 'OL':
    case 'OF':
    case 'OD':
    case 'OV':
    case 'AT':
      return true;
    default:
      return false;
  }
}

/** Byte and word streams (PS3.5 §6.2: OB, OD, OF, OL, OV, OW, UN): binary data, not lists of numbers to show. */
export function isBulkVr(vr: Vr): boolean {
  return (
    vr === 'OB' ||
    vr === 'OD' ||
    vr === 'OF' ||
    vr === 'OL' ||
    vr === 'OV' ||
    vr === 'OW' ||
    vr === 'UN'
  );
}
