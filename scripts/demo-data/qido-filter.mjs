/**
 * QIDO-RS attribute matching (PS3.18 §8.3.4, PS3.4 C.2.2.2) over DICOM JSON
 * results, for the static DICOMweb middleware: single value (case-insensitive
 * for PN), wildcards * and ?, UID lists, date/time ranges, universal matching.
 */
import { DICTIONARY, tagHex } from './dictionary.mjs';

/** @typedef {Record<string, { vr: string, Value?: unknown[] }>} JsonDataSet */

/** Query keys that are not attributes (PS3.18 Table 8.3.4-1). */
const CONTROL_KEYS = new Set(['limit', 'offset', 'includefield', 'fuzzymatching']);
const KEYWORD_TO_TAG = new Map(
  Object.entries(DICTIONARY).map(([keyword, [tag]]) => [keyword.toLowerCase(), tagHex(tag)]),
);

/**
 * @typedef {{ tag: string, value: string }} Condition
 * @typedef {{ conditions: Condition[], limit: number, offset: number }} Query
 */

/**
 * Unknown attribute keys are ignored rather than refused: this is a demo
 * server, and ignoring is what clients sending vendor keys expect most.
 * @param {URLSearchParams} params
 * @returns {Query}
 */
export function parseQuery(params) {
  /** @type {Condition[]} */
  const conditions = [];
  let limit = Number.POSITIVE_INFINITY;
  let offset = 0;
  for (const [key, value] of params) {
    const lower = key.toLowerCase();
    if (lower === 'limit') limit = toCount(value, limit);
    else if (lower === 'offset') offset = toCount(value, 0);
    else if (CONTROL_KEYS.has(lower)) continue;
    else {
      const tag = /^[0-9a-f]{8}$/i.test(key) ? key.toUpperCase() : KEYWORD_TO_TAG.get(lower);
      if (tag) conditions.push({ tag, value });
    }
  }
  return { conditions, limit, offset };
}

function toCount(/** @type {string} */ value, /** @type {number} */ fallback) {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * @param {JsonDataSet[]} results
 * @param {Query} query
 */
export function applyQuery(results, { conditions, limit, offset }) {
  const matching = results.filter((result) =>
    conditions.every((c) => matches(result[c.tag], c.value)),
  );
  return matching.slice(offset, offset + limit);
}

/**
 * @param {{ vr: string, Value?: unknown[] } | undefined} attribute
 * @param {string} query
 */
function matches(attribute, query) {
  if (query === '' || query === '*') return true; // universal matching
  const vr = attribute?.vr ?? '';
  const values = (attribute?.Value ?? []).map((v) =>
    v && typeof v === 'object' && 'Alphabetic' in v
      ? String(/** @type {{ Alphabetic: unknown }} */ (v).Alphabetic ?? '')
      : String(v),
  );
  if (values.length === 0) return false;
  if (vr === 'UI') {
    const wanted = new Set(query.split(/[,\\]/).map((s) => s.trim()));
    return values.some((v) => wanted.has(v));
  }
  if ((vr === 'DA' || vr === 'TM' || vr === 'DT') && query.includes('-')) {
    const [from = '', to = ''] = query.split('-');
    return values.some(
      (v) => (from === '' || v >= from) && (to === '' || v.slice(0, to.length) <= to),
    );
  }
  const alternatives = query.split(/[\\,]/);
  return alternatives.some((alternative) => {
    if (/[*?]/.test(alternative) || vr === 'PN') {
      const pattern = alternative
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
      const regex = new RegExp(`^${pattern}$`, vr === 'PN' ? 'i' : '');
      return values.some((v) => regex.test(v));
    }
    return values.includes(alternative);
  });
}
