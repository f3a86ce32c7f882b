/**
 * Test-only readers, written independently of the generator's writer: an
 * explicit VR little endian Part 10 walker (PS3.5 §7.1.2, A.4) and a
 * multipart/related splitter (RFC 2387).
 */

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

/**
 * Top-level walk to Pixel Data; sequences are skipped by their defined length.
 * @param {Buffer} file
 * @returns {{ dataset: { rows: number, columns: number }, fragments: Buffer[], pixelData: Buffer }}
 */
export function readPart10(file) {
  if (file.toString('latin1', 128, 132) !== 'DICM') throw new Error('not a Part 10 file');
  let offset = 132;
  const dataset = { rows: 0, columns: 0 };
  while (offset < file.length) {
    const group = file.readUInt16LE(offset);
    const element = file.readUInt16LE(offset + 2);
    const vr = file.toString('latin1', offset + 4, offset + 6);
    const long = LONG_VRS.has(vr);
    const length = long ? file.readUInt32LE(offset + 8) : file.readUInt16LE(offset + 6);
    const valueStart = offset + (long ? 12 : 8);
    if (group === 0x0028 && element === 0x0010) dataset.rows = file.readUInt16LE(valueStart);
    if (group === 0x0028 && element === 0x0011) dataset.columns = file.readUInt16LE(valueStart);
    if (group === 0x7fe0 && element === 0x0010) {
      if (length !== 0xffffffff)
        return {
          dataset,
          fragments: [],
          pixelData: file.subarray(valueStart, valueStart + length),
        };
      /** @type {Buffer[]} */
      const items = [];
      let at = valueStart;
      while (file.readUInt16LE(at) === 0xfffe && file.readUInt16LE(at + 2) === 0xe000) {
        const itemLength = file.readUInt32LE(at + 4);
        items.push(file.subarray(at + 8, at + 8 + itemLength));
        at += 8 + itemLength;
      }
      return { dataset, fragments: items.slice(1), pixelData: Buffer.alloc(0) }; // items[0] is the Basic Offset Table
    }
    if (length === 0xffffffff)
      throw new Error('undefined length outside Pixel Data is not expected here');
    offset = valueStart + length;
  }
  throw new Error('no Pixel Data');
}

/**
 * @param {Buffer} body
 * @param {string} contentType
 * @returns {{ contentType: string, body: Buffer }[]}
 */
export function parseMultipart(body, contentType) {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.toString('latin1', start, start + 2) === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    const headers = body.toString('latin1', start, headerEnd);
    const next = body.indexOf(delimiter, headerEnd + 4);
    const partType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? '';
    // The CRLF before the next delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    parts.push({ contentType: partType.trim(), body: body.subarray(headerEnd + 4, next - 2) });
    at = next;
  }
  return parts;
}
