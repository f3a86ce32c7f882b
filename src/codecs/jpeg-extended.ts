import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput, FrameCodec } from './codec.js';
import { assertEndsWithEoi, readJpegFrameHeader } from './jpeg-header.js';
import { assertHeaderMatches, type PixelModule } from './pixel-module.js';

/**
 * JPEG extended, process 2 & 4 (PS3.5 A.4.1, 1.2.840.10008.1.2.4.51): sequential DCT with
 * Huffman coding and 8- or 12-bit samples.
 *
 * Why hand-written: the maintained WASM build (@cornerstonejs/codec-libjpeg-turbo-8bit) is
 * compiled for 8-bit samples only, jpeg-lossless-decoder-js handles SOF3 only, and the pure-JS
 * decoders on npm (jpeg-js, pdf.js's JpegImage) clamp to 8 bits. 8-bit frames still go to
 * libjpeg-turbo; this decoder takes the 12-bit ones. ISO 10918-1 clauses are cited inline.
 */
export const jpegExtendedCodec: FrameCodec = {
  name: 'JPEG extended',
  async decode(bytes: Uint8Array, module: PixelModule): Promise<CodecOutput> {
    const header = readJpegFrameHeader(bytes, 'JPEG extended');
    if (header.precision === 8) {
      // Loaded on demand: a 12-bit study never needs libjpeg-turbo's glue and wasm.
      const { jpegBaselineCodec } = await import('./jpeg-baseline.js');
      return jpegBaselineCodec.decode(bytes, module);
    }
    if (header.marker !== 0xc0 && header.marker !== 0xc1) {
      throw new DecodeError(
        `JPEG extended: SOF 0x${header.marker.toString(16)} is not sequential Huffman DCT`,
      );
    }
    if (header.precision !== 12)
      throw new DecodeError(`JPEG extended: unsupported precision ${header.precision}`);
    assertHeaderMatches('JPEG extended', module, header);
    assertEndsWithEoi(bytes, 'JPEG extended');
    return { samples: decodeSequentialDct(bytes), planar: false, rgb: false };
  },
};

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  td: number;
  ta: number;
  blocksPerLine: number;
  blocksPerColumn: number;
  componentWidth: number;
  componentHeight: number;
  coefficients: Int32Array;
  pred: number;
}

interface Huffman {
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

// ISO 10918-1 Figure A.6: zig-zag order.
const ZIGZAG = new Uint8Array([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
  13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
  45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

// ISO 10918-1 A.3.3: IDCT basis C(u)·cos((2x+1)uπ/16)/2.
const IDCT = new Float64Array(64);
for (let x = 0; x < 8; x += 1) {
  for (let u = 0; u < 8; u += 1)
    IDCT[x * 8 + u] =
      ((u === 0 ? Math.SQRT1_2 : 1) * Math.cos(((2 * x + 1) * u * Math.PI) / 16)) / 2;
}

function buildHuffman(counts: Uint8Array, values: Uint8Array): Huffman {
  // ISO 10918-1 F.2.2.3 / Figure F.15: decoder tables MINCODE, MAXCODE, VALPTR.
  const maxCode = new Int32Array(18).fill(-1);
  const minCode = new Int32Array(17);
  const valPtr = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let l = 1; l <= 16; l += 1) {
    const n = counts[l - 1] ?? 0;
    if (n > 0) {
      valPtr[l] = k;
      minCode[l] = code;
      code += n;
      k += n;
      maxCode[l] = code - 1;
    }
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { maxCode, minCode, valPtr, values };
}

function decodeSequentialDct(data: Uint8Array): Uint16Array<ArrayBuffer> {
  const qt: Int32Array[] = [];
  const dc: Huffman[] = [];
  const ac: Huffman[] = [];
  let components: Component[] = [];
  let width = 0;
  let height = 0;
  let restartInterval = 0;
  let mcusPerLine = 0;
  let mcusPerColumn = 0;
  let hMax = 1;
  let vMax = 1;
  let scanned = false;
  const u16 = (at: number): number => {
    if (at + 1 >= data.length) throw new DecodeError('JPEG extended: truncated marker segment');
    return ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
  };
  let offset = 2;
  while (offset < data.length) {
    if (data[offset] !== 0xff)
      throw new DecodeError(`JPEG extended: expected a marker at byte ${offset}`);
    const marker = data[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd9) break;
    const length = u16(offset + 2);
    const start = offset + 4;
    const end = offset + 2 + length;
    if (end > data.length) throw new DecodeError('JPEG extended: marker segment runs past the end');
    if (marker === 0xdb) {
      // B.2.4.1: Pq 1 means 16-bit table entries (needed by 12-bit precision).
      for (let p = start; p < end;) {
        const pq = (data[p] ?? 0) >> 4;
        const tq = (data[p] ?? 0) & 15;
        const table = new Int32Array(64);
        p += 1;
        for (let i = 0; i < 64; i += 1) {
          table[ZIGZAG[i] ?? 0] = pq ? u16(p + 2 * i) : (data[p + i] ?? 0);
        }
        p += pq ? 128 : 64;
        qt[tq] = table;
      }
    } else if (marker === 0xc4) {
      for (let p = start; p < end;) {
        const tc = (data[p] ?? 0) >> 4;
        const th = (data[p] ?? 0) & 15;
        const counts = data.subarray(p + 1, p + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        const values = data.subarray(p + 17, p + 17 + total);
        if (values.length !== total)
          throw new DecodeError('JPEG extended: truncated Huffman table');
        (tc === 0 ? dc : ac)[th] = buildHuffman(counts, values);
        p += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(start);
    } else if (marker === 0xc0 || marker === 0xc1) {
      height = u16(start + 1);
      width = u16(start + 3);
      const count = data[start + 5] ?? 0;
      components = [];
      for (let i = 0; i < count; i += 1) {
        const at = start + 6 + i * 3;
        const hv = data[at + 1] ?? 0x11;
        components.push({
          id: data[at] ?? 0,
          h: hv >> 4 || 1,
          v: hv & 15 || 1,
          tq: data[at + 2] ?? 0,
          td: 0,
          ta: 0,
          blocksPerLine: 0,
          blocksPerColumn: 0,
          componentWidth: 0,
          componentHeight: 0,
          coefficients: new Int32Array(0),
          pred: 0,
        });
      }
      hMax = Math.max(...components.map((c) => c.h));
      vMax = Math.max(...components.map((c) => c.v));
      mcusPerLine = Math.ceil(width / (8 * hMax));
      mcusPerColumn = Math.ceil(height / (8 * vMax));
      for (const c of components) {
        c.blocksPerLine = mcusPerLine * c.h;
        c.blocksPerColumn = mcusPerColumn * c.v;
        c.componentWidth = Math.ceil((width * c.h) / hMax);
        c.componentHeight = Math.ceil((height * c.v) / vMax);
        c.coefficients = new Int32Array(c.blocksPerLine * c.blocksPerColumn * 64);
      }
    } else if (marker === 0xda) {
      if (components.length === 0) throw new DecodeError('JPEG extended: SOS before SOF');
      const count = data[start] ?? 0;
      const scan: Component[] = [];
      for (let i = 0; i < count; i += 1) {
        const id = data[start + 1 + i * 2];
        const tables = data[start + 2 + i * 2] ?? 0;
        const c = components.find((candidate) => candidate.id === id);
        if (!c) throw new DecodeError('JPEG extended: scan names an unknown component');
        c.td = tables >> 4;
        c.ta = tables & 15;
        scan.push(c);
      }
      offset = decodeScan(data, end, scan, dc, ac, mcusPerLine, mcusPerColumn, restartInterval);
      scanned = true;
      continue;
    }
    offset = end;
  }
  if (!scanned) throw new DecodeError('JPEG extended: no scan data');
  return assemble(components, qt, width, height, hMax, vMax);
}

function decodeScan(
  data: Uint8Array,
  start: number,
  scan: Component[],
  dc: Huffman[],
  ac: Huffman[],
  mcusPerLine: number,
  mcusPerColumn: number,
  restartInterval: number,
): number {
  let pos = start;
  let bitBuffer = 0;
  let bitCount = 0;
  const readBit = (): number => {
    if (bitCount === 0) {
      if (pos >= data.length) throw new DecodeError('JPEG extended: scan data truncated');
      const byte = data[pos] ?? 0;
      pos += 1;
      if (byte === 0xff) {
        const next = data[pos] ?? 0;
        if (next === 0)
          pos += 1; // F.1.2.3 byte stuffing
        else throw new DecodeError('JPEG extended: unexpected marker inside scan data');
      }
      bitBuffer = byte;
      bitCount = 8;
    }
    bitCount -= 1;
    return (bitBuffer >> bitCount) & 1;
  };
  const receive = (length: number): number => {
    let value = 0;
    for (let i = 0; i < length; i += 1) value = (value << 1) | readBit();
    return value;
  };
  const extend = (value: number, length: number): number =>
    value < 1 << (length - 1) ? value - (1 << length) + 1 : value;
  const decodeSymbol = (table: Huffman | undefined): number => {
    if (!table) throw new DecodeError('JPEG extended: scan uses an undefined Huffman table');
    let code = readBit();
    let l = 1;
    while (code > (table.maxCode[l] ?? -1)) {
      code = (code << 1) | readBit();
      l += 1;
      if (l > 16) throw new DecodeError('JPEG extended: invalid Huffman code');
    }
    return table.values[(table.valPtr[l] ?? 0) + code - (table.minCode[l] ?? 0)] ?? 0;
  };
  const decodeBlock = (c: Component, blockOffset: number): void => {
    const t = decodeSymbol(dc[c.td]);
    const diff = t === 0 ? 0 : extend(receive(t), t);
    c.pred += diff;
    c.coefficients[blockOffset] = c.pred;
    for (let k = 1; k < 64;) {
      const rs = decodeSymbol(ac[c.ta]);
      const s = rs & 15;
      const r = rs >> 4;
      if (s === 0) {
        if (r < 15) break;
        k += 16;
        continue;
      }
      k += r;
      if (k > 63) throw new DecodeError('JPEG extended: AC run past the end of a block');
      c.coefficients[blockOffset + (ZIGZAG[k] ?? 0)] = extend(receive(s), s);
      k += 1;
    }
  };
  const single = scan.length === 1;
  const first = scan[0];
  // A.2.2: a non-interleaved scan codes only the blocks that cover the component, not whole MCUs.
  const blocksWide = first ? Math.ceil(first.componentWidth / 8) : 0;
  const totalMcus =
    single && first
      ? blocksWide * Math.ceil(first.componentHeight / 8)
      : mcusPerLine * mcusPerColumn;
  for (const c of scan) c.pred = 0;
  for (let mcu = 0; mcu < totalMcus; mcu += 1) {
    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval === 0) {
      // F.1.2.3: restart marker resets the bit reader and DC predictors.
      bitCount = 0;
      while (
        pos + 1 < data.length &&
        !(data[pos] === 0xff && (data[pos + 1] ?? 0) >= 0xd0 && (data[pos + 1] ?? 0) <= 0xd7)
      )
        pos += 1;
      pos += 2;
      for (const c of scan) c.pred = 0;
    }
    if (single && first) {
      const row = Math.floor(mcu / blocksWide);
      const col = mcu % blocksWide;
      decodeBlock(first, (row * first.blocksPerLine + col) * 64);
    } else {
      const mcuRow = Math.floor(mcu / mcusPerLine);
      const mcuCol = mcu % mcusPerLine;
      for (const c of scan) {
        for (let v = 0; v < c.v; v += 1) {
          for (let h = 0; h < c.h; h += 1) {
            decodeBlock(c, ((mcuRow * c.v + v) * c.blocksPerLine + mcuCol * c.h + h) * 64);
          }
        }
      }
    }
  }
  // Skip to the next marker (EOI or another scan).
  while (
    pos + 1 < data.length &&
    !(
      data[pos] === 0xff &&
      data[pos + 1] !== 0 &&
      !((data[pos + 1] ?? 0) >= 0xd0 && (data[pos + 1] ?? 0) <= 0xd7)
    )
  )
    pos += 1;
  return pos;
}

function assemble(
  components: Component[],
  qt: Int32Array[],
  width: number,
  height: number,
  hMax: number,
  vMax: number,
): Uint16Array<ArrayBuffer> {
  const count = components.length;
  const out = new Uint16Array(width * height * count);
  const block = new Float64Array(64);
  const temp = new Float64Array(64);
  const max = 4095;
  components.forEach((c, ci) => {
    const q = qt[c.tq];
    if (!q) throw new DecodeError('JPEG extended: component uses an undefined quantization table');
    const plane = new Uint16Array(c.blocksPerLine * 8 * c.blocksPerColumn * 8);
    const planeWidth = c.blocksPerLine * 8;
    for (let b = 0; b < c.blocksPerLine * c.blocksPerColumn; b += 1) {
      const base = b * 64;
      for (let i = 0; i < 64; i += 1) block[i] = (c.coefficients[base + i] ?? 0) * (q[i] ?? 0);
      for (let y = 0; y < 8; y += 1) {
        for (let x = 0; x < 8; x += 1) {
          let sum = 0;
          for (let u = 0; u < 8; u += 1) sum += (IDCT[x * 8 + u] ?? 0) * (block[y * 8 + u] ?? 0);
          temp[y * 8 + x] = sum;
        }
      }
      const bx = (b % c.blocksPerLine) * 8;
      const by = Math.floor(b / c.blocksPerLine) * 8;
      for (let x = 0; x < 8; x += 1) {
        for (let y = 0; y < 8; y += 1) {
          let sum = 0;
          for (let v = 0; v < 8; v += 1) sum += (IDCT[y * 8 + v] ?? 0) * (temp[v * 8 + x] ?? 0);
          // A.3.1: level shift by 2^(P-1), then clamp to the sample range.
          const value = Math.round(sum + 2048);
          plane[(by + y) * planeWidth + bx + x] = value < 0 ? 0 : value > max ? max : value;
        }
      }
    }
    // A.1.1: component sampling; upsample by replication to full resolution.
    const sx = hMax / c.h;
    const sy = vMax / c.v;
    for (let y = 0; y < height; y += 1) {
      const rowOffset = Math.floor(y / sy) * planeWidth;
      for (let x = 0; x < width; x += 1)
        out[(y * width + x) * count + ci] = plane[rowOffset + Math.floor(x / sx)] ?? 0;
    }
  });
  return out;
}
