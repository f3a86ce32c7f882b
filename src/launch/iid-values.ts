import { InvokeImageDisplayError } from './invoke-image-display-error.js';
import { hasControlCharacter, unescapeHl7 } from './patient-identifier.js';

/** An XML Schema dateTime from lowerDateTime / upperDateTime, split for DICOM DA/TM matching. */
export interface IidDateTime {
  /** DICOM DA form, YYYYMMDD. */
  readonly date: string;
  /** DICOM TM form, HHMMSS (000000 when the value had no time). */
  readonly time: string;
  /** Minutes east of UTC when the value carried a zone ('Z' → 0). */
  readonly utcOffsetMinutes?: number;
}

// xs:dateTime (XML Schema Part 2 3.2.7); a bare date is accepted too because portals send it.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/;

export function parseIidDateTime(text: string, parameter: string): IidDateTime {
  const match = DATE_TIME.exec(text.trim());
  if (!match) throw new InvokeImageDisplayError('invalid-date-time', parameter);
  const [, year = '', month = '', day = '', hour = '00', minute = '00', second = '00', zone] =
    match;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const valid =
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 24 &&
    Number(minute) <= 59 &&
    Number(second) <= 60;
  if (!valid) throw new InvokeImageDisplayError('invalid-date-time', parameter);
  const result = { date: `${year}${month}${day}`, time: `${hour}${minute}${second}` };
  if (zone === undefined) return result;
  const offset =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) *
        (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return { ...result, utcOffsetMinutes: offset };
}

/** DICOM UID: PS3.5 9.1, digits and dots, no leading zero in a component, at most 64 characters. */
export function isDicomUid(text: string): boolean {
  return text.length <= 64 && /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/.test(text);
}

/** Modality (0008,0060) is CS: upper case letters, digits, space, underscore; at most 16 (PS3.5 6.2). */
export function isModalityCode(text: string): boolean {
  return /^[A-Z0-9_]{1,16}$/.test(text);
}

export function parseIidBoolean(text: string, parameter: string): boolean {
  const value = text.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InvokeImageDisplayError('invalid-boolean', parameter);
}

/** Comma-separated list (RAD TF-3 4.106.4.1.2: studyUID, accessionNumber, modalitiesInStudy). */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Splits a query string into name → value. An IID patientID contains '&' (the HD separator) and
 * must arrive percent-encoded as %26; portals often forget. A fragment without '=' cannot be an IID
 * parameter, so it is rejoined to the previous value with the '&' the URL split it on.
 */
export function readQuery(search: string): Map<string, string[]> {
  const entries: [string, string][] = [];
  for (const fragment of search.replace(/^\?/, '').split('&')) {
    if (fragment === '') continue;
    const equals = fragment.indexOf('=');
    const last = entries[entries.length - 1];
    if (equals < 0 && last !== undefined) {
      last[1] += `&${decode(fragment)}`;
      continue;
    }
    const name = decode(equals < 0 ? fragment : fragment.slice(0, equals));
    entries.push([name, equals < 0 ? '' : decode(fragment.slice(equals + 1))]);
  }
  const query = new Map<string, string[]>();
  for (const [name, value] of entries) query.set(name, [...(query.get(name) ?? []), value]);
  return query;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new InvokeImageDisplayError('invalid-url');
  }
}

/** A person's name as a launch gives it: family name, then given names in order. */
export interface LaunchPersonName {
  readonly family: string;
  readonly given: readonly string[];
}

/** DICOM PN allows 64 characters per component group (PS3.5 6.2); a name is no longer. */
const MAX_NAME_LENGTH = 64;

/**
 * IID patientName (RAD TF-3 4.106.4.1.2) is an HL7 v2 XPN: `family^given^second given names`;
 * XPN.1 is itself an FN whose first subcomponent is the surname. Undefined when it names nobody.
 */
export function parseXpn(text: string): LaunchPersonName | undefined {
  const components = text.split('^');
  if (components.length > 14) return undefined;
  const part = (index: number): string =>
    unescapeHl7((components[index] ?? '').split('&')[0] ?? '').trim();
  const family = part(0);
  const given = [part(1), ...part(2).split(/\s+/)].filter((name) => name !== '');
  const all = [family, ...given];
  if (family === '' && given.length === 0) return undefined;
  if (all.some((name) => name.length > MAX_NAME_LENGTH || hasControlCharacter(name)))
    return undefined;
  return { family, given };
}

/**
 * A birth date as DICOM DA (YYYYMMDD) from YYYYMMDD (HL7 DT, as IID's patientBirthDate) or
 * YYYY-MM-DD (xs:date, FHIR date); undefined when it is not a real calendar day.
 */
export function parseBirthDate(text: string): string | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [, year = '', month = '', day = ''] = match;
  if (text.includes('-') !== /^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return undefined;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > daysInMonth)
    return undefined;
  return `${year}${month}${day}`;
}
