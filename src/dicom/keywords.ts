import { packedKeywords } from './keywords.generated.js';

let table: Map<number, string> | undefined;

/**
 * The PS3.6 keyword of a tag (e.g. 0x00100010 → "PatientName"), for debugging tools and tests.
 * Kept out of the parser so bundles that never call it do not carry the ~160 KB keyword table.
 */
export function keywordOf(tag: number): string | undefined {
  if (table === undefined) {
    table = new Map();
    for (const entry of packedKeywords.split(';'))
      table.set(parseInt(entry.slice(0, 8), 16) >>> 0, entry.slice(8));
  }
  return table.get(tag >>> 0);
}
