/**
 * The reading form's keys, as data: what a key press does, whatever element of the form has the
 * focus (but a text field, which keeps its keys). Digits are read from the physical key too
 * (`code`), so a French AZERTY keyboard types categories without Shift.
 */
import type {
  AcrCategory,
  BreastComposition,
  QualityReason,
  ReadingOutcome,
} from '../../dicom/breast-reading.js';

export type ReadingKeyAction =
  | { readonly kind: 'breast'; readonly breast: 'right' | 'left' }
  | { readonly kind: 'acr'; readonly acr: AcrCategory }
  | { readonly kind: 'composition'; readonly composition: BreastComposition }
  | { readonly kind: 'next-view' }
  | { readonly kind: 'reason'; readonly reason: QualityReason }
  | { readonly kind: 'outcome'; readonly outcome: ReadingOutcome }
  | { readonly kind: 'submit' };

/** The letter of each quality reason and outcome (shown beside each control). */
export const REASON_KEYS: Readonly<Record<QualityReason, string>> = {
  positioning: 'P',
  compression: 'K',
  exposure: 'E',
  motion: 'M',
  artefact: 'T',
  'missing-view': 'X',
};

export const OUTCOME_KEYS: Readonly<Record<ReadingOutcome, string>> = {
  normal: 'N',
  'recall-imaging': 'I',
  'recall-technical': 'Y',
};

export function readingKeyAction(event: {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}): ReadingKeyAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (event.key === 'Enter') return { kind: 'submit' };
  const digit = /^(?:Digit|Numpad)([0-5])$/.exec(event.code)?.[1] ?? /^[0-5]$/.exec(event.key)?.[0];
  if (digit !== undefined) return { kind: 'acr', acr: Number(digit) as AcrCategory };
  const letter = event.key.length === 1 ? event.key.toUpperCase() : '';
  if (letter === 'R') return { kind: 'breast', breast: 'right' };
  if (letter === 'L') return { kind: 'breast', breast: 'left' };
  if (letter === 'V') return { kind: 'next-view' };
  if (letter === 'A' || letter === 'B' || letter === 'C' || letter === 'D')
    return { kind: 'composition', composition: letter };
  for (const [reason, key] of Object.entries(REASON_KEYS) as [QualityReason, string][])
    if (letter === key) return { kind: 'reason', reason };
  for (const [outcome, key] of Object.entries(OUTCOME_KEYS) as [ReadingOutcome, string][])
    if (letter === key) return { kind: 'outcome', outcome };
  return undefined;
}
