/**
 * The reading list's keys, as data. They must not collide with the keys of what it holds: the
 * reading form (R L 0–5 A–D V P K E M T X N I Y Enter, reading-keys.ts) and the viewer (arrows,
 * Page Up/Down, Home/End, Space, [ ] + = - 0, Escape, Delete, I R H V X K and the tool letters
 * G P O W A Z S L B U). F and J are free in both, and sit under the index fingers on QWERTY and
 * AZERTY alike; Shift goes back.
 */
export type ReadingListKeyAction =
  { readonly kind: 'step'; readonly by: 1 | -1 } | { readonly kind: 'case'; readonly by: 1 | -1 };

export const NEXT_STEP_KEY = 'F';
export const NEXT_CASE_KEY = 'J';

export function readingListKeyAction(event: {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}): ReadingListKeyAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const letter = event.key.length === 1 ? event.key.toUpperCase() : '';
  const by = event.shiftKey ? -1 : 1;
  if (letter === NEXT_STEP_KEY) return { kind: 'step', by };
  if (letter === NEXT_CASE_KEY) return { kind: 'case', by };
  return undefined;
}
