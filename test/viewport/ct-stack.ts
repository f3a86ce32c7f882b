/** A 64×48 CT image of random stored values (seeded), rescaled to HU, for the viewport's unit tests. */
import { buildDataset, bytesOf, grayscaleModule } from './dataset-builder.js';
import { randomIntegers } from './viewport-harness.js';

/** Display value (0–255) of modality value x under a LINEAR window (PS3.3 C.11.2.1.2.1). */
export const COLUMNS = 64;
export const ROWS = 48;
export const linear = (x: number, c: number, w: number): number =>
  x <= c - 0.5 - (w - 1) / 2
    ? 0
    : x > c - 0.5 + (w - 1) / 2
      ? 255
      : ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;

export function ctDataset(extra: Record<number, string | number> = {}, frames = 1) {
  const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 2000));
  const dataset = buildDataset(
    {
      ...grayscaleModule(ROWS, COLUMNS, 12, false),
      0x0020000d: '1.2.3',
      0x0020000e: '1.2.3.4',
      0x00080018: '1.2.3.4.5',
      0x00281052: -1000,
      0x00281053: 1,
      0x00281050: 40,
      0x00281051: 400,
      ...extra,
    },
    Array.from({ length: frames }, () => bytesOf(stored)),
  );
  return { dataset, stored };
}
