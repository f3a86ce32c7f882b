/**
 * A minimal DICOM Part 10 writer: explicit VR little endian data sets
 * (PS3.5 §7.1.2), the File Meta Information header (PS3.10 §7.1) and pixel
 * data either native or encapsulated with a Basic Offset Table (PS3.5 A.4).
 * It writes only what the demo generator needs and checks what it writes.
 */
import { lookup } from './dictionary.mjs';

/**
 * @typedef {string | number | Uint8Array | DataSet[] | readonly (string | number)[] | null | undefined} Value
 * @typedef {{ [keyword: string]: Value }} DataSet
 * @typedef {{ kind: 'native', bytes: Uint8Array, frameLength: number }} NativePixels
 * @typedef {{ kind: 'encapsulated', frames: Uint8Array[] }} EncapsulatedPixels
 * @typedef {NativePixels | EncapsulatedPixels} Pixels
 * @typedef {{ offset: number, length: number }} ByteRange
 * @typedef {{ bytes: Buffer, frames: ByteRange[] }} Part10File
 */

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const IMPLEMENTATION_CLASS_UID = '2.25.183944611728357405733404462474717387539';
const IMPLEMENTATION_VERSION_NAME = 'COURBARIL_DEMO';

/** VRs with a 2-byte reserved field and a 4-byte length, PS3.5 Table 7.1-1. */
const LONG_VRS = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);
const BINARY_NUMBER =
  /** @type {Record<string, [number, (v: DataView, o: number, n: number) => void]>} */ ({
    US: [2, (v, o, n) => v.setUint16(o, n, true)],
    SS: [2, (v, o, n) => v.setInt16(o, n, true)],
    UL: [4, (v, o, n) => v.setUint32(o, n, true)],
    SL: [4, (v, o, n) => v.setInt32(o, n, true)],
    FL: [4, (v, o, n) => v.setFloat32(o, n, true)],
    FD: [8, (v, o, n) => v.setFloat64(o, n, true)],
  });
const ITEM = 0xfffee000;
const SEQUENCE_DELIMITER = 0xfffee0dd;

/** DS values are at most 16 characters (PS3.5 Table 6.2-1). */
export function formatDecimal(/** @type {number} */ n) {
  if (!Number.isFinite(n)) throw new Error(`DS value must be finite, got ${n}`);
  let text = String(Math.round(n * 1e6) / 1e6);
  for (let digits = 12; text.length > 16; digits--)
    text = n.toPrecision(digits).replace(/\.?0+(e|$)/, '$1');
  return text;
}

/**
 * @param {string} vr
 * @param {Value} value
 * @returns {Uint8Array}
 */
function encodeValue(vr, value) {
  if (value === null || value === undefined) return new Uint8Array(0);
  if (value instanceof Uint8Array) return padEven(value, 0);
  const values = Array.isArray(value) ? value : [value];
  const binary = BINARY_NUMBER[vr];
  if (binary) {
    const [size, set] = binary;
    const out = new Uint8Array(size * values.length);
    const view = new DataView(out.buffer);
    values.forEach((n, i) => set(view, i * size, Number(n)));
    return out;
  }
  if (vr === 'AT') {
    const out = new Uint8Array(4 * values.length);
    const view = new DataView(out.buffer);
    values.forEach((t, i) => {
      view.setUint16(i * 4, Number(t) >>> 16, true);
      view.setUint16(i * 4 + 2, Number(t) & 0xffff, true);
    });
    return out;
  }
  const text = values
    .map((v) => (typeof v === 'number' && vr === 'DS' ? formatDecimal(v) : String(v)))
    .join('\\');
  return padEven(new TextEncoder().encode(text), vr === 'UI' ? 0 : 0x20);
}

function padEven(/** @type {Uint8Array} */ bytes, /** @type {number} */ pad) {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = pad;
  return out;
}

function header(/** @type {number} */ tag, /** @type {string} */ vr, /** @type {number} */ length) {
  const long = LONG_VRS.has(vr);
  const out = new Uint8Array(long ? 12 : 8);
  const view = new DataView(out.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, length, true);
  else {
    if (length > 0xffff) throw new Error(`value of ${tag.toString(16)} too long for VR ${vr}`);
    view.setUint16(6, length, true);
  }
  return out;
}

function itemHeader(/** @type {number} */ tag, /** @type {number} */ length) {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  view.setUint32(4, length, true);
  return out;
}

/**
 * Encodes a data set (sorted by tag, as PS3.5 §7.1 requires) into chunks.
 * Sequences use defined lengths, which explicit VR little endian allows.
 *
 * @param {DataSet} dataset
 * @returns {Uint8Array[]}
 */
export function encodeDataset(dataset) {
  const entries = Object.entries(dataset)
    .filter(([keyword]) => keyword !== 'PixelData')
    .map(([keyword, value]) => /** @type {const} */ ([...lookup(keyword), value]))
    .sort((a, b) => a[0] - b[0]);
  /** @type {Uint8Array[]} */
  const chunks = [];
  for (const [tag, vr, value] of entries) {
    if (vr === 'SQ') {
      const items = /** @type {DataSet[]} */ (value ?? []).map((item) => {
        const body = encodeDataset(item);
        return [itemHeader(ITEM, byteLength(body)), ...body];
      });
      chunks.push(
        header(
          tag,
          vr,
          items.reduce((n, c) => n + byteLength(c), 0),
        ),
        ...items.flat(),
      );
      continue;
    }
    const bytes = encodeValue(vr, value);
    chunks.push(header(tag, vr, bytes.length), bytes);
  }
  return chunks;
}

function byteLength(/** @type {Uint8Array[]} */ chunks) {
  return chunks.reduce((n, c) => n + c.length, 0);
}

/**
 * @param {DataSet} dataset must hold SOPClassUID and SOPInstanceUID
 * @param {string} transferSyntaxUid
 * @param {Pixels | undefined} pixels
 * @returns {Part10File}
 */
export function writePart10(dataset, transferSyntaxUid, pixels) {
  const metaBody = encodeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]),
    MediaStorageSOPClassUID: /** @type {string} */ (dataset.SOPClassUID),
    MediaStorageSOPInstanceUID: /** @type {string} */ (dataset.SOPInstanceUID),
    TransferSyntaxUID: transferSyntaxUid,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
  const chunks = [
    new Uint8Array(128),
    new TextEncoder().encode('DICM'),
    ...encodeDataset({ FileMetaInformationGroupLength: byteLength(metaBody) }),
    ...metaBody,
    ...encodeDataset(dataset),
  ];
  /** @type {ByteRange[]} */
  const frames = [];
  if (pixels?.kind === 'native') {
    const vr = dataset.BitsAllocated === 8 ? 'OB' : 'OW';
    const bytes = padEven(pixels.bytes, 0);
    chunks.push(header(0x7fe00010, vr, bytes.length));
    const start = byteLength(chunks);
    chunks.push(bytes);
    for (
      let offset = 0;
      offset + pixels.frameLength <= pixels.bytes.length;
      offset += pixels.frameLength
    ) {
      frames.push({ offset: start + offset, length: pixels.frameLength });
    }
  } else if (pixels?.kind === 'encapsulated') {
    // PS3.5 A.4: one fragment per frame, so the Basic Offset Table lists each
    // fragment's item offset measured from the first fragment's item tag.
    const fragments = pixels.frames.map((f) => padEven(f, 0));
    const offsetTable = new Uint8Array(4 * fragments.length);
    const offsetView = new DataView(offsetTable.buffer);
    let itemOffset = 0;
    fragments.forEach((f, i) => {
      offsetView.setUint32(i * 4, itemOffset, true);
      itemOffset += 8 + f.length;
    });
    chunks.push(
      header(0x7fe00010, 'OB', 0xffffffff),
      itemHeader(ITEM, offsetTable.length),
      offsetTable,
    );
    for (const fragment of fragments) {
      chunks.push(itemHeader(ITEM, fragment.length));
      frames.push({ offset: byteLength(chunks), length: fragment.length });
      chunks.push(fragment);
    }
    chunks.push(itemHeader(SEQUENCE_DELIMITER, 0));
  }
  return { bytes: Buffer.concat(chunks), frames };
}
