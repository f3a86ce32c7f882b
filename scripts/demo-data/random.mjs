/**
 * Seeded pseudo-random numbers and smooth noise, so phantoms look organic yet
 * every run produces the same pixels.
 */

/**
 * mulberry32: small, fast, good enough for image texture.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal samples (Box–Muller), for detector/quantum noise.
 * @param {() => number} random
 * @returns {() => number}
 */
export function gaussian(random) {
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = Number.NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const a = 2 * Math.PI * random();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

/**
 * Fractal value noise on a grid: `octaves` layers of bilinearly interpolated
 * lattice noise, each twice as fine and `persistence` times as strong.
 * Returns a width×height Float32Array roughly in [-1, 1].
 *
 * @param {number} width
 * @param {number} height
 * @param {{ seed: number, cell: number, octaves?: number, persistence?: number }} options cell = coarsest lattice spacing in pixels
 */
export function fractalNoise(width, height, { seed, cell, octaves = 4, persistence = 0.5 }) {
  const out = new Float32Array(width * height);
  const random = seededRandom(seed);
  let amplitude = 1;
  let total = 0;
  for (let octave = 0, size = cell; octave < octaves && size >= 1; octave++, size /= 2) {
    const gw = Math.ceil(width / size) + 2;
    const gh = Math.ceil(height / size) + 2;
    const lattice = new Float32Array(gw * gh);
    for (let i = 0; i < lattice.length; i++) lattice[i] = random() * 2 - 1;
    for (let y = 0; y < height; y++) {
      const gy = y / size;
      const y0 = Math.floor(gy);
      const fy = gy - y0;
      const sy = fy * fy * (3 - 2 * fy);
      const row0 = y0 * gw;
      const row1 = row0 + gw;
      for (let x = 0; x < width; x++) {
        const gx = x / size;
        const x0 = Math.floor(gx);
        const fx = gx - x0;
        const sx = fx * fx * (3 - 2 * fx);
        const a =
          /** @type {number} */ (lattice[row0 + x0]) * (1 - sx) +
          /** @type {number} */ (lattice[row0 + x0 + 1]) * sx;
        const b =
          /** @type {number} */ (lattice[row1 + x0]) * (1 - sx) +
          /** @type {number} */ (lattice[row1 + x0 + 1]) * sx;
        out[y * width + x] =
          /** @type {number} */ (out[y * width + x]) + amplitude * (a * (1 - sy) + b * sy);
      }
    }
    total += amplitude;
    amplitude *= persistence;
  }
  for (let i = 0; i < out.length; i++) out[i] = /** @type {number} */ (out[i]) / total;
  return out;
}
