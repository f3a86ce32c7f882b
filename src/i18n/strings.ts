import { en, type Strings } from './en.js';
import { fr } from './fr.js';

export type { Strings } from './en.js';
export type Locale = 'en' | 'fr';
export type ViewportStrings = Strings['viewport'];
export type ViewerStrings = Strings['viewer'];
export type ReportStrings = Strings['report'];
export type StudyBrowserStrings = Strings['studyBrowser'];
export type IdentityStrings = Strings['identity'];
export type MprStrings = Strings['mpr'];

export type ReadingFormStrings = Strings['readingForm'];
export type ScreeningReadingStrings = Strings['screeningReading'];

const TABLES = { en, fr } satisfies Record<Locale, Strings>;

/** The table of a language (see LanguageController for which language an element uses). */
export function stringsFor(locale: Locale): Strings {
  return TABLES[locale];
}
