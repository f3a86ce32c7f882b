import type { SampleArray } from './codec.js';

/**
 * Irreversible JPEG 2000 / HTJ2K reconstruction can overshoot the component's range by a few
 * units; OpenJPH hands those values back unclipped in 16-bit samples. Clipping to the SIZ
 * precision (as OpenJPEG and Kakadu do on output) keeps a value of 2048 in a 12-bit signed
 * image from wrapping to −2048 when the stored value is masked to Bits Stored. An unsigned
 * undershoot arrives wrapped in the unsigned container (−1 as 65535): it clips to 0.
 */
export function clampToPrecision(samples: SampleArray, precision: number, signed: boolean): void {
  if (precision >= 32) return;
  const min = signed ? -(2 ** (precision - 1)) : 0;
  const max = signed ? 2 ** (precision - 1) - 1 : 2 ** precision - 1;
  const wrapped =
    samples instanceof Uint16Array ? 0x8000 : samples instanceof Uint8Array ? 0x80 : Infinity;
  for (let i = 0; i < samples.length; i += 1) {
    const value = samples[i] ?? 0;
    if (value < min || (!signed && value >= wrapped)) samples[i] = min;
    else if (value > max) samples[i] = max;
  }
}
