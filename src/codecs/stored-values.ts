import type { GrayscalePixels } from '../dicom/decoded-frame.js';
import type { SampleArray } from './codec.js';
import type { PixelModule } from './pixel-module.js';

type IntegerArrayConstructor =
  | Uint8ArrayConstructor
  | Int8ArrayConstructor
  | Uint16ArrayConstructor
  | Int16ArrayConstructor
  | Uint32ArrayConstructor
  | Int32ArrayConstructor;

/**
 * Grayscale stored values (PS3.3 C.7.6.3.1): typed by Bits Allocated and Pixel Representation,
 * bits above High Bit and below the stored range dropped (PS3.5 8.1.1, Figure D-2 layout), and
 * two's complement values sign-extended from Bits Stored. Works in place when the decoder's
 * array already has the right element size (it is ours: a copy out of the WASM heap).
 */
export function toStoredValues(samples: SampleArray, module: PixelModule): GrayscalePixels {
  if (samples instanceof Float32Array || samples instanceof Float64Array) return samples;
  const signed = module.pixelRepresentation === 1;
  const containerBits = module.bitsAllocated === 1 ? 8 : module.bitsAllocated;
  const Target = constructorFor(containerBits, signed);
  const out =
    samples.BYTES_PER_ELEMENT === Target.BYTES_PER_ELEMENT
      ? new Target(samples.buffer, samples.byteOffset, samples.length)
      : convert(samples, Target);
  const stored = Math.min(module.bitsStored, containerBits);
  const shift = Math.max(0, module.highBit + 1 - stored);
  if (stored >= containerBits && shift === 0) return out;
  const mask = stored >= 32 ? 0xffffffff : 2 ** stored - 1;
  const signBit = 2 ** (stored - 1);
  const range = 2 ** stored;
  for (let i = 0; i < out.length; i += 1) {
    let value = ((out[i] ?? 0) >>> shift) & mask;
    if (signed && value >= signBit) value -= range;
    out[i] = value;
  }
  return out;
}

function convert(samples: SampleArray, Target: IntegerArrayConstructor) {
  const out = new Target(samples.length);
  out.set(samples);
  return out;
}

function constructorFor(bits: number, signed: boolean): IntegerArrayConstructor {
  if (bits <= 8) return signed ? Int8Array : Uint8Array;
  if (bits <= 16) return signed ? Int16Array : Uint16Array;
  return signed ? Int32Array : Uint32Array;
}
