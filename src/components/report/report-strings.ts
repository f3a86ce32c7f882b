import type { Locale } from '../../i18n/strings.js';

/** Every text the report elements show. Patient data is never part of these strings. */
export interface ReportStrings {
  readonly structuredReport: string;
  readonly noReport: string;
  readonly observationContext: string;
  readonly contentDate: string;
  readonly verifiedBy: string;
  readonly completion: Readonly<Record<'COMPLETE' | 'PARTIAL', string>>;
  readonly verification: Readonly<Record<'VERIFIED' | 'UNVERIFIED', string>>;
  readonly imageReference: string;
  readonly frames: string;
  readonly notSupported: string;
  readonly deeperContentOmitted: string;
  readonly noValue: string;
  readonly pdfDocument: string;
  readonly downloadPdf: string;
  readonly pdfFallback: string;
  readonly notAPdf: string;
}

const en: ReportStrings = {
  structuredReport: 'Structured report',
  noReport: 'No report to show',
  observationContext: 'Observation context',
  contentDate: 'Report date',
  verifiedBy: 'Verified by',
  completion: { COMPLETE: 'Complete', PARTIAL: 'Partial' },
  verification: { VERIFIED: 'Verified', UNVERIFIED: 'Not verified' },
  imageReference: 'Image',
  frames: 'frames',
  notSupported: 'content not shown',
  deeperContentOmitted: 'Part of this report is nested too deeply to be shown.',
  noValue: 'no value',
  pdfDocument: 'PDF document',
  downloadPdf: 'Download the PDF',
  pdfFallback: 'This browser cannot show the PDF here.',
  notAPdf: 'This instance holds no PDF document.',
};

const fr: ReportStrings = {
  structuredReport: 'Compte rendu structuré',
  noReport: 'Aucun compte rendu à afficher',
  observationContext: "Contexte d'observation",
  contentDate: 'Date du compte rendu',
  verifiedBy: 'Validé par',
  completion: { COMPLETE: 'Complet', PARTIAL: 'Partiel' },
  verification: { VERIFIED: 'Validé', UNVERIFIED: 'Non validé' },
  imageReference: 'Image',
  frames: 'images',
  notSupported: 'contenu non affiché',
  deeperContentOmitted: 'Une partie de ce compte rendu est trop imbriquée pour être affichée.',
  noValue: 'sans valeur',
  pdfDocument: 'Document PDF',
  downloadPdf: 'Télécharger le PDF',
  pdfFallback: 'Ce navigateur ne peut pas afficher le PDF ici.',
  notAPdf: 'Cette instance ne contient pas de document PDF.',
};

export function reportStringsFor(locale: Locale): ReportStrings {
  return locale === 'fr' ? fr : en;
}
