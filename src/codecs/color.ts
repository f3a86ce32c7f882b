import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput, SampleArray } from './codec.js';
import type { PaletteLuts, PixelModule } from './pixel-module.js';

/**
 * Colour frames to interleaved 8-bit RGB. Photometric Interpretations per PS3.3 C.7.6.3.1.2;
 * conversions from YBR use the full-range (YBR_FULL*) or partial-range (YBR_PARTIAL_*)
 * equations given there. YBR_ICT/YBR_RCT only ever reach here from JPEG 2000 decoders, which
 * have already undone the component transform (output flagged `rgb`).
 */
export function toRgb(output: CodecOutput, module: PixelModule): Uint8Array {
  const pixels = module.rows * module.columns;
  const { samples } = output;
  if (samples.length < pixels * 3)
    throw new DecodeError(`Colour frame has ${samples.length} samples, needs ${pixels * 3}`);
  const shift = Math.max(0, Math.min(module.bitsStored, 16) - 8);
  const rgb = new Uint8Array(pixels * 3);
  const at = output.planar
    ? (pixel: number, channel: number) => samples[channel * pixels + pixel] ?? 0
    : (pixel: number, channel: number) => samples[pixel * 3 + channel] ?? 0;
  const pi = module.photometricInterpretation;
  const convert =
    output.rgb || pi === 'RGB' || pi === 'YBR_RCT' || pi === 'YBR_ICT'
      ? undefined
      : ybrEquation(pi);
  for (let p = 0; p < pixels; p += 1) {
    const a = at(p, 0) >> shift;
    const b = at(p, 1) >> shift;
    const c = at(p, 2) >> shift;
    if (convert) {
      convert(a, b, c, rgb, p * 3);
    } else {
      rgb[p * 3] = a;
      rgb[p * 3 + 1] = b;
      rgb[p * 3 + 2] = c;
    }
  }
  return rgb;
}

type Equation = (y: number, cb: number, cr: number, out: Uint8Array, offset: number) => void;

function ybrEquation(pi: string): Equation {
  if (pi === 'YBR_FULL' || pi === 'YBR_FULL_422') {
    return (y, cb, cr, out, o) => {
      out[o] = clamp(y + 1.402 * (cr - 128));
      out[o + 1] = clamp(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128));
      out[o + 2] = clamp(y + 1.772 * (cb - 128));
    };
  }
  if (pi === 'YBR_PARTIAL_422' || pi === 'YBR_PARTIAL_420') {
    return (y, cb, cr, out, o) => {
      const luma = 1.1644 * (y - 16);
      out[o] = clamp(luma + 1.596 * (cr - 128));
      out[o + 1] = clamp(luma - 0.3918 * (cb - 128) - 0.813 * (cr - 128));
      out[o + 2] = clamp(luma + 2.0172 * (cb - 128));
    };
  }
  throw new DecodeError(`Unsupported colour Photometric Interpretation ${pi}`);
}

function clamp(value: number): number {
  const rounded = Math.round(value);
  return rounded < 0 ? 0 : rounded > 255 ? 255 : rounded;
}

/**
 * PALETTE COLOR (PS3.3 C.7.6.3.1.5): one stored value per pixel (`stored`: masked to Bits Stored,
 * sign-extended when Pixel Representation is 1) looked up in three LUTs.
 */
export function paletteToRgb(stored: ArrayLike<number>, module: PixelModule): Uint8Array {
  const palette = module.palette;
  if (!palette) throw new DecodeError('PALETTE COLOR frame without palette LUTs');
  const luts = [0, 1, 2].map((channel) => readLut(palette, channel, module.pixelRepresentation));
  const pixels = module.rows * module.columns;
  const rgb = new Uint8Array(pixels * 3);
  for (let channel = 0; channel < 3; channel += 1) {
    const lut = luts[channel];
    if (!lut) continue;
    const last = lut.entries.length - 1;
    for (let p = 0; p < pixels; p += 1) {
      const index = (stored[p] ?? 0) - lut.firstMapped;
      rgb[p * 3 + channel] = lut.entries[index < 0 ? 0 : index > last ? last : index] ?? 0;
    }
  }
  return rgb;
}

function readLut(
  palette: PaletteLuts,
  channel: number,
  pixelRepresentation: 0 | 1,
): { firstMapped: number; entries: Uint8Array } {
  const descriptor = palette.descriptors[channel as 0 | 1 | 2];
  const data = palette.data[channel as 0 | 1 | 2];
  const count = descriptor[0] === 0 ? 65536 : (descriptor[0] ?? 0);
  // C.7.6.3.1.5: the first stored value mapped is signed or unsigned as Pixel Representation says,
  // whichever of US and SS the descriptor was written (or, implicit VR, read) as.
  const firstMappedBits = (descriptor[1] ?? 0) & 0xffff;
  const firstMapped = pixelRepresentation === 1 ? (firstMappedBits << 16) >> 16 : firstMappedBits;
  const bits = descriptor[2] ?? 16;
  const entries = new Uint8Array(count);
  if (bits === 8 && data.length >= count && data.length < count * 2) {
    entries.set(data.subarray(0, count));
  } else if (data.length >= count * 2) {
    const words = new DataView(data.buffer, data.byteOffset, count * 2);
    // 8-bit entries stored one per 16-bit word: some writers use the high byte (C.7.6.3.1.5 is
    // ambiguous in older editions), so take whichever byte carries data.
    let highUsed = false;
    if (bits === 8)
      for (let i = 0; i < count && !highUsed; i += 1)
        highUsed = words.getUint16(i * 2, true) > 0xff;
    const shift = bits === 8 ? (highUsed ? 8 : 0) : bits - 8;
    for (let i = 0; i < count; i += 1) entries[i] = (words.getUint16(i * 2, true) >> shift) & 0xff;
  } else {
    throw new DecodeError(`Palette LUT ${channel} has ${data.length} bytes for ${count} entries`);
  }
  return { firstMapped, entries };
}

export type { SampleArray };
