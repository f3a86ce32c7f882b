import { DicomParseError } from './errors.js';
import type { Part10Dataset } from './part10-dataset.js';
import {
  Columns,
  DoubleFloatPixelData,
  FloatPixelData,
  NumberOfFrames,
  PixelData,
  Rows,
} from './tags.generated.js';

/**
 * Refuses pixel data whose declared frames cannot be in its payload, before anything is sized
 * from them: a small file declaring 5,000,000 frames (Number of Frames, PS3.3 C.7.6.6) or
 * 65535 × 65535 pixels (Rows, Columns) would otherwise have viewers make millions of frame
 * slots or decoders allocate gigabytes. Each pixel takes at least one bit in native data
 * (PS3.5 §8.1.1), and each encapsulated frame at least one fragment (PS3.5 §A.4). Written
 * without Bits Allocated or Samples per Pixel, so it holds for every native pixel format.
 */
export function assertFramesFitPayload(dataset: Part10Dataset): void {
  const pixels =
    dataset.element(PixelData) ??
    dataset.element(FloatPixelData) ??
    dataset.element(DoubleFloatPixelData);
  if (pixels === undefined) return;
  const declared = dataset.number(NumberOfFrames);
  const frames =
    declared !== undefined && Number.isInteger(declared) && declared >= 1 ? declared : 1;
  if (pixels.encapsulated !== undefined) {
    const fragments = pixels.encapsulated.fragments.length;
    if (frames > fragments)
      throw new DicomParseError(
        `Number of Frames ${frames} exceeds the ${fragments} fragments of pixel data`,
        pixels.offset,
      );
    return;
  }
  const rows = dataset.number(Rows) ?? 0;
  const columns = dataset.number(Columns) ?? 0;
  if (frames * rows * columns > pixels.value.byteLength * 8)
    throw new DicomParseError(
      `${frames} frame(s) of ${rows} × ${columns} pixels cannot fit in ${pixels.value.byteLength} bytes of pixel data`,
      pixels.offset,
    );
}
