/**
 * The DICOM JSON Model (PS3.18 Annex F) of the generator's data sets, as
 * QIDO-RS and WADO-RS metadata return it.
 */
import { lookup, tagHex } from './dictionary.mjs';
import { formatDecimal } from './part10-writer.mjs';

/**
 * @typedef {import('./part10-writer.mjs').DataSet} DataSet
 * @typedef {{ vr: string, Value?: unknown[], InlineBinary?: string, BulkDataURI?: string }} JsonAttribute
 * @typedef {Record<string, JsonAttribute>} JsonDataSet
 */

/** PS3.18 F.2.3: IS, DS and the binary numeric VRs are JSON numbers. */
const NUMBER_VRS = new Set(['IS', 'DS', 'US', 'SS', 'UL', 'SL', 'FL', 'FD', 'SV', 'UV']);
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

/**
 * @param {DataSet} dataset
 * @returns {JsonDataSet}
 */
export function toDicomJson(dataset) {
  /** @type {[number, string, JsonAttribute][]} */
  const attributes = [];
  for (const [keyword, value] of Object.entries(dataset)) {
    const [tag, vr] = lookup(keyword);
    attributes.push([tag, tagHex(tag), toAttribute(vr, value)]);
  }
  attributes.sort((a, b) => a[0] - b[0]);
  return Object.fromEntries(attributes.map(([, hex, attribute]) => [hex, attribute]));
}

/**
 * @param {string} vr
 * @param {import('./part10-writer.mjs').Value} value
 * @returns {JsonAttribute}
 */
function toAttribute(vr, value) {
  if (value === null || value === undefined || value === '') return { vr };
  if (BINARY_VRS.has(vr)) {
    if (!(value instanceof Uint8Array)) throw new Error(`binary VR ${vr} needs bytes`);
    return { vr, InlineBinary: Buffer.from(value).toString('base64') };
  }
  if (vr === 'SQ') return { vr, Value: /** @type {DataSet[]} */ (value).map(toDicomJson) };
  const values = Array.isArray(value) ? value : [value];
  if (vr === 'PN') return { vr, Value: values.map((v) => ({ Alphabetic: String(v) })) };
  if (vr === 'AT') return { vr, Value: values.map((v) => tagHex(Number(v))) };
  // Same rounding as the Part 10 file, so metadata and file agree value for value.
  if (vr === 'DS') return { vr, Value: values.map((v) => Number(formatDecimal(Number(v)))) };
  if (NUMBER_VRS.has(vr)) return { vr, Value: values.map(Number) };
  return { vr, Value: values.map(String) };
}
