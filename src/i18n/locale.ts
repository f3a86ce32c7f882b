import type { Locale } from './strings.js';

/** The `lang` of the element or its closest ancestor, then `<html lang>`, then English. */
export function resolveLocale(element: Element): Locale {
  const lang =
    element.closest('[lang]')?.getAttribute('lang') ||
    element.ownerDocument.documentElement.lang ||
    'en';
  return lang.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function formatNumber(locale: Locale, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** DA (PS3.5 6.2: YYYYMMDD) in the locale's short form; the raw text when it is not a valid date. */
export function formatDicomDate(locale: Locale, value: string | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }).format(date);
}
