import type { Locale } from './strings.js';

/** The `lang` of the element or its closest ancestor, then `<html lang>`, then English. */
export function resolveLocale(element: Element): Locale {
  const lang =
    element.closest('[lang]')?.getAttribute('lang') ||
    element.ownerDocument.documentElement.lang ||
    'en';
  return lang.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * Formatters are made once per locale and option set: making an Intl formatter costs far more
 * than formatting with it, and the overlay formats a dozen values on every draw.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatNumber(locale: Locale, value: number, fractionDigits = 0): string {
  const key = `${locale}\u0000${String(fractionDigits)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** DA (PS3.5 6.2: YYYYMMDD) in the locale's short form; the raw text when it is not a valid date. */
export function formatDicomDate(locale: Locale, value: string | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return value;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

/**
 * Makes the overlay's formatters in a task of their own. The first Intl formatters of a page
 * load the ICU data: 20–50 ms of main thread on the 2-core test machine (Chrome trace of the
 * cache bench), which would otherwise land between a viewport's first frame and its first draw.
 * Called when the viewport element is defined, so it happens while the page waits on the disk
 * or the network. Not requestIdleCallback: a page busy starting up may have no idle period
 * before its first image.
 */
export function warmFormats(locale: Locale): void {
  const warm = (): void => {
    formatNumber(locale, 0);
    formatNumber(locale, 0, 1);
    formatDicomDate(locale, '20000101');
  };
  setTimeout(warm, 0);
}
