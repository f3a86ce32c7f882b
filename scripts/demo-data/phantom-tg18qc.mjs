/**
 * A console quality-control test pattern in the spirit of AAPM TG18-QC (AAPM On-line Report
 * No. 03, "Assessment of Display Performance for Medical Imaging Systems", 2005): 1024 × 1024,
 * 12 bits, drawn pixel by pixel so that, shown 1:1, every line pair is one or two device pixels
 * wide. What it holds (a French review console's QC, ANSM decision of 15 January 2020 §8.7.5,
 * looks at the same kinds of element):
 * - a mid-grey background with a 1-pixel white border and a grid of 1-pixel lines (geometry),
 * - 16 grey-level patches from 0 % to 100 % in equal steps (luminance response),
 * - the low-contrast patches: 5 % inside 0 %, 95 % inside 100 % (black and white level),
 * - line pairs at the centre and in the four corners, one and two pixels wide, horizontal and
 *   vertical, at full contrast and at low contrast (45 % / 55 %) (resolution),
 * - two continuous ramps, 0 → 100 % and back (contouring, bit depth).
 * Not the AAPM file itself (not redistributed here): a pattern with the same parts.
 */

export const TG18_SIZE = 1024;
export const TG18_BITS = 12;
const MAX = (1 << TG18_BITS) - 1;

/** A grey level in per cent of full scale, as a stored value. */
export const level = (/** @type {number} */ percent) => Math.round((percent / 100) * MAX);

/** @typedef {{ x: number, y: number, width: number, height: number }} Region */

/**
 * Where each element is: tests read the pattern's pixels there (through an independent reader)
 * and the display's pixels at the same place.
 * @param {number} size
 */
export function tg18QcLayout(size = TG18_SIZE) {
  const u = size / 32;
  const block = 2 * u;
  /** @param {number} cx @param {number} cy @returns {Region} */
  const around = (cx, cy) => ({
    x: cx - block / 2,
    y: cy - block / 2,
    width: block,
    height: block,
  });
  const centre = size / 2;
  return {
    /** Each holds 4 quadrants: 1-px vertical, 1-px horizontal, 2-px vertical, 2-px horizontal lines. */
    linePairs: {
      centre: around(centre - block / 2 - 4, centre),
      centreLowContrast: around(centre + block / 2 + 4, centre),
      topLeft: around(4 * u, 5 * u),
      topRight: around(size - 4 * u, 5 * u),
      bottomLeft: around(4 * u, size - 5 * u),
      bottomRight: around(size - 4 * u, size - 5 * u),
    },
    /** 16 patches, 0 % to 100 %: two rows of eight. */
    greyPatches: Array.from({ length: 16 }, (_, k) => ({
      percent: (100 * k) / 15,
      region: {
        x: 8 * u + (k % 8) * 2 * u,
        y: (k < 8 ? 9 : 21) * u,
        width: 2 * u - 4,
        height: 2 * u - 4,
      },
    })),
    lowContrast: {
      dark: {
        outer: { x: 2 * u, y: 14 * u, width: 4 * u, height: 4 * u },
        inner: { x: 3.5 * u, y: 15.5 * u, width: u, height: u },
      },
      bright: {
        outer: { x: size - 6 * u, y: 14 * u, width: 4 * u, height: 4 * u },
        inner: { x: size - 4.5 * u, y: 15.5 * u, width: u, height: u },
      },
    },
    ramps: {
      up: { x: 8 * u, y: 2 * u, width: 16 * u, height: u },
      down: { x: 8 * u, y: size - 3 * u, width: 16 * u, height: u },
    },
  };
}

/**
 * The pattern's stored values, row by row.
 * @param {number} [size]
 * @returns {Uint16Array}
 */
export function renderTg18Qc(size = TG18_SIZE) {
  const pixels = new Uint16Array(size * size).fill(level(50));
  /** @param {Region} r @param {(x: number, y: number) => number} value x, y inside the region */
  const fill = (r, value) => {
    for (let y = 0; y < r.height; y++)
      for (let x = 0; x < r.width; x++) pixels[(r.y + y) * size + r.x + x] = value(x, y);
  };
  const layout = tg18QcLayout(size);
  // Geometry: a grid every eighth, then the border.
  for (let k = 1; k < 8; k++) {
    const at = (k * size) / 8;
    fill({ x: at, y: 0, width: 1, height: size }, () => level(75));
    fill({ x: 0, y: at, width: size, height: 1 }, () => level(75));
  }
  for (const r of [
    { x: 0, y: 0, width: size, height: 1 },
    { x: 0, y: size - 1, width: size, height: 1 },
    { x: 0, y: 0, width: 1, height: size },
    { x: size - 1, y: 0, width: 1, height: size },
  ])
    fill(r, () => MAX);
  for (const { percent, region } of layout.greyPatches) fill(region, () => level(percent));
  const { dark, bright } = layout.lowContrast;
  fill(dark.outer, () => level(0));
  fill(dark.inner, () => level(5));
  fill(bright.outer, () => level(100));
  fill(bright.inner, () => level(95));
  const { up, down } = layout.ramps;
  fill(up, (x) => Math.round((x / (up.width - 1)) * MAX));
  fill(down, (x) => Math.round((1 - x / (down.width - 1)) * MAX));
  for (const [name, region] of Object.entries(layout.linePairs)) {
    const [low, high] = name === 'centreLowContrast' ? [level(45), level(55)] : [0, MAX];
    linePairBlock(region, low, high, fill);
  }
  return pixels;
}

/**
 * @param {Region} r
 * @param {number} low @param {number} high
 * @param {(r: Region, value: (x: number, y: number) => number) => void} fill
 */
function linePairBlock(r, low, high, fill) {
  const w = r.width / 2;
  const h = r.height / 2;
  const pick = (/** @type {boolean} */ on) => (on ? high : low);
  fill({ x: r.x, y: r.y, width: w, height: h }, (x) => pick(x % 2 === 0));
  fill({ x: r.x + w, y: r.y, width: w, height: h }, (_, y) => pick(y % 2 === 0));
  fill({ x: r.x, y: r.y + h, width: w, height: h }, (x) => pick(x % 4 < 2));
  fill({ x: r.x + w, y: r.y + h, width: w, height: h }, (_, y) => pick(y % 4 < 2));
}
