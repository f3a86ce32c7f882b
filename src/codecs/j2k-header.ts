import { DecodeError } from '../dicom/errors.js';

export interface J2kImageHeader {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  /** Ssiz of the first component: precision and signedness (ISO 15444-1 A.5.1). */
  readonly precision: number;
  readonly signed: boolean;
}

/**
 * Reads the SIZ segment of a JPEG 2000 / HTJ2K codestream. DICOM stores the bare codestream
 * (PS3.5 A.4.4), but some encoders wrap it in a JP2 file: then SOC is searched for.
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
  if (siz + 40 > bytes.length) throw new DecodeError(`${codec}: truncated SIZ segment`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + siz, 40);
  const xsiz = view.getUint32(4);
  const ysiz = view.getUint32(8);
  const xosiz = view.getUint32(12);
  const yosiz = view.getUint32(16);
  const components = view.getUint16(36);
  const ssiz = view.getUint8(38);
  if (xsiz <= xosiz || ysiz <= yosiz) throw new DecodeError(`${codec}: empty image area in SIZ`);
  return {
    width: xsiz - xosiz,
    height: ysiz - yosiz,
    components,
    precision: (ssiz & 0x7f) + 1,
    signed: (ssiz & 0x80) !== 0,
  };
}
