import { DecodeError } from '../dicom/errors.js';

export interface J2kImageHeader {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  /** Ssiz of the first component: precision and signedness (ISO 15444-1 A.5.1). */
  readonly precision: number;
  readonly signed: boolean;
}

/** Isot is 16 bits and 65535 is reserved (ISO/IEC 15444-1 A.4.2): at most 65535 tiles. */
const MAX_TILES = 65535;
/** Lsiz = 38 + 3 × Csiz (A.5.1). */
const SIZ_FIXED_LENGTH = 38;

/**
 * Reads and checks the SIZ segment of a JPEG 2000 / HTJ2K codestream. DICOM stores the bare
 * codestream (PS3.5 A.4.4), but some encoders wrap it in a JP2 file: then SOC is searched for.
 *
 * The decoders size their tile grid and buffers from SIZ before they read any tile, so a
 * lying SIZ is refused here, before decoding: an image offset near 2^32 made OpenJPH reserve
 * ~1.6 GB in a worker that then kept it. DICOM images start at the reference grid's origin in
 * practice; an offset larger than the image itself, a tile grid that breaks A.5.1's rules
 * (XTOsiz ≤ XOsiz < XTOsiz + XTsiz) or has more tiles than Isot can number, a zero
 * subsampling factor, or a length that disagrees with Csiz is a hostile or corrupt header.
 */
export function readJ2kHeader(bytes: Uint8Array, codec: string): J2kImageHeader {
  let soc = -1;
  const searchLimit = Math.min(bytes.length - 1, 4096);
  for (let i = 0; i < searchLimit; i += 1) {
    if (
      bytes[i] === 0xff &&
      bytes[i + 1] === 0x4f &&
      bytes[i + 2] === 0xff &&
      bytes[i + 3] === 0x51
    ) {
      soc = i;
      break;
    }
  }
  if (soc < 0) throw new DecodeError(`${codec}: no SOC/SIZ marker at the start of the codestream`);
  const siz = soc + 4;
  if (siz + SIZ_FIXED_LENGTH + 3 > bytes.length)
    throw new DecodeError(`${codec}: truncated SIZ segment`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + siz, bytes.length - siz);
  const lsiz = view.getUint16(0);
  const xsiz = view.getUint32(4);
  const ysiz = view.getUint32(8);
  const xosiz = view.getUint32(12);
  const yosiz = view.getUint32(16);
  const xtsiz = view.getUint32(20);
  const ytsiz = view.getUint32(24);
  const xtosiz = view.getUint32(28);
  const ytosiz = view.getUint32(32);
  const components = view.getUint16(36);
  if (components < 1 || lsiz !== SIZ_FIXED_LENGTH + 3 * components || siz + lsiz > bytes.length)
    throw new DecodeError(`${codec}: SIZ length ${lsiz} does not match ${components} components`);
  if (xsiz <= xosiz || ysiz <= yosiz) throw new DecodeError(`${codec}: empty image area in SIZ`);
  const width = xsiz - xosiz;
  const height = ysiz - yosiz;
  if (xosiz > width || yosiz > height)
    throw new DecodeError(`${codec}: image offset ${xosiz},${yosiz} in SIZ is out of range`);
  if (
    xtsiz === 0 ||
    ytsiz === 0 ||
    xtosiz > xosiz ||
    ytosiz > yosiz ||
    xtosiz + xtsiz <= xosiz ||
    ytosiz + ytsiz <= yosiz
  )
    throw new DecodeError(`${codec}: tile grid in SIZ is invalid`);
  const tiles = Math.ceil((xsiz - xtosiz) / xtsiz) * Math.ceil((ysiz - ytosiz) / ytsiz);
  if (tiles > MAX_TILES) throw new DecodeError(`${codec}: ${tiles} tiles in SIZ`);
  for (let c = 0; c < components; c += 1) {
    // XRsiz and YRsiz: component subsampling, 1…255 (A.5.1).
    if (view.getUint8(39 + 3 * c) === 0 || view.getUint8(40 + 3 * c) === 0)
      throw new DecodeError(`${codec}: component ${c} has a zero subsampling factor`);
  }
  const ssiz = view.getUint8(38);
  return {
    width,
    height,
    components,
    precision: (ssiz & 0x7f) + 1,
    signed: (ssiz & 0x80) !== 0,
  };
}
