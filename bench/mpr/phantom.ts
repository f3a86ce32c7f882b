// The MPR bench's CT, generated in the page (both sides get the same voxels): 512×512×300,
// 0.7 mm pixels, 1 mm slices, 12-bit stored values with Rescale Intercept −1024, a body, an
// organ that moves from slice to slice, a bone ring and vessels (bright tubes a MIP shows).
export const SERIES = { size: 512, slices: 300, pixelSpacing: 0.7, step: 1 } as const;

/** Stored values of slice `k` (modality value = stored − 1024). */
export function ctSlice(k: number): Uint16Array {
  const n = SERIES.size;
  const pixels = new Uint16Array(n * n);
  let seed = Math.imul(k + 1, 2654435761) >>> 0;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const r = Math.hypot(x - 256, y - 256);
      let value = r < 230 ? 1040 + 60 * Math.sin(x / 9 + k / 11) + 40 * Math.cos(y / 13) : 0;
      if (Math.hypot(x - 200 - 30 * Math.sin(k / 40), y - 250) < 60) value += 350;
      if (r > 200 && r < 215) value = 2400;
      if (Math.hypot(x - 300 - 20 * Math.sin(k / 25), y - 220) < 5) value = 1400;
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      pixels[y * n + x] = Math.max(0, Math.min(4095, value + ((seed >>> 20) % 37) - 18));
    }
  }
  return pixels;
}
