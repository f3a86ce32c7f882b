/**
 * Content-Type parsing (RFC 9110 §8.3.1): a media type and parameters whose
 * values may be quoted strings. PS3.18 8.7.3.5 carries the frame's transfer
 * syntax as the `transfer-syntax` parameter of each part's Content-Type.
 */
export interface ContentType {
  /** Lower-cased `type/subtype`. */
  readonly mediaType: string;
  /** Parameter names lower-cased; values unquoted, case kept. */
  readonly parameters: ReadonlyMap<string, string>;
}

export function parseContentType(value: string): ContentType {
  const parameters = new Map<string, string>();
  let index = value.indexOf(';');
  const mediaType = (index < 0 ? value : value.slice(0, index)).trim().toLowerCase();
  while (index >= 0 && index < value.length) {
    index++;
    const equals = value.indexOf('=', index);
    if (equals < 0) break;
    const name = value.slice(index, equals).trim().toLowerCase();
    let cursor = equals + 1;
    while (value[cursor] === ' ' || value[cursor] === '\t') cursor++;
    let parameterValue = '';
    if (value[cursor] === '"') {
      cursor++;
      while (cursor < value.length && value[cursor] !== '"') {
        if (value[cursor] === '\\' && cursor + 1 < value.length) cursor++;
        parameterValue += value.charAt(cursor);
        cursor++;
      }
      index = value.indexOf(';', cursor);
    } else {
      const end = value.indexOf(';', cursor);
      parameterValue = (end < 0 ? value.slice(cursor) : value.slice(cursor, end)).trim();
      index = end;
    }
    if (name && !parameters.has(name)) parameters.set(name, parameterValue);
  }
  return { mediaType, parameters };
}
