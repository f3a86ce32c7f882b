/**
 * PN values (PS3.5 6.2.1: family^given^middle^prefix^suffix) as people read them.
 * `family-first` ("JOSEPH Marie-Line") is how French hospital documents and overlays
 * identify a patient; `given-first` ("Dr Marie-Line JOSEPH") suits signatures in reports.
 */
export function formatPersonName(
  text: string,
  order: 'family-first' | 'given-first' = 'family-first',
): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = text.split('^');
  const parts =
    order === 'family-first'
      ? [family, given, middle, suffix]
      : [prefix, given, middle, family, suffix];
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}
