import type { Locale, ReportStrings } from '../../i18n/strings.js';
import type { SrValue } from '../../dicom/sr-document.js';
import { formatPersonName } from '../../dicom/person-name.js';

/**
 * A DS value in the locale, with as many decimals as it was written with: "12.50" stays two
 * decimals because the precision a reporter or device wrote down is part of the measurement.
 */
export function formatDecimalText(locale: Locale, text: string): string {
  const value = Number(text.trim());
  if (!Number.isFinite(value)) return text;
  const decimals = /e/i.test(text) ? undefined : (/\.(\d+)/.exec(text)?.[1]?.length ?? 0);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 6,
  }).format(value);
}

/** DA (PS3.5 6.2: YYYYMMDD) with a four-digit year: a report date must not be ambiguous. */
export function formatDicomDate(locale: Locale, text: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!match) return text;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return text;
  const options = { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' } as const;
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** TM (PS3.5 6.2: HHMMSS.FFFFFF, minutes and seconds optional) as HH:MM[:SS]. */
export function formatDicomTime(text: string): string {
  const match = /^(\d{2})(\d{2})?(\d{2})?/.exec(text.trim());
  if (!match) return text;
  return [match[1], match[2] ?? '00', match[3]].filter((part) => part !== undefined).join(':');
}

/** The text of a non-container value. */
export function formatSrValue(value: SrValue, locale: Locale, strings: ReportStrings): string {
  switch (value.type) {
    case 'CONTAINER':
      return '';
    case 'TEXT':
      return value.text;
    case 'CODE':
      return value.code?.meaning ?? '';
    case 'NUM': {
      if (value.text === undefined) return value.qualifier?.meaning ?? strings.noValue;
      // UCUM "1" is the unit of a dimensionless ratio or count: nothing to print after the number.
      const dimensionless = value.units?.value === '1' && value.units.scheme === 'UCUM';
      const units = value.units === undefined || dimensionless ? '' : ` ${value.units.meaning}`;
      return `${formatDecimalText(locale, value.text)}${units}`;
    }
    case 'DATE':
      return formatDicomDate(locale, value.text);
    case 'TIME':
      return formatDicomTime(value.text);
    case 'DATETIME': {
      const date = formatDicomDate(locale, value.text.slice(0, 8));
      return value.text.length > 8 ? `${date} ${formatDicomTime(value.text.slice(8))}` : date;
    }
    case 'PNAME':
      return formatPersonName(value.name, 'given-first');
    case 'UIDREF':
      return value.uid;
    case 'IMAGE':
    case 'COMPOSITE':
    case 'WAVEFORM': {
      const frames =
        value.frames.length > 0 ? ` (${strings.frames} ${value.frames.join(', ')})` : '';
      return `${strings.imageReference}${frames}`;
    }
    case 'SCOORD':
      return `${value.graphicType} — ${strings.notSupported}`;
    case 'OTHER':
      return `${value.valueType} — ${strings.notSupported}`;
  }
}
