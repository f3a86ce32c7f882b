/**
 * A PA chest radiograph phantom as attenuation A (0 = direct exposure, ~1 =
 * dense bone): lungs with vascular markings, heart, mediastinum and spine,
 * posterior ribs, clavicles, diaphragm domes and breast shadows. A PA view is
 * displayed as if facing the patient: the patient's left on the image right,
 * hence Patient Orientation "L\F" (PS3.3 C.7.6.1.1.1).
 */
import { Canvas } from './raster.mjs';
import { fractalNoise, gaussian, seededRandom } from './random.mjs';

/**
 * @param {{ width: number, height: number, spacing: number, seed: number }} options
 * @returns {Float32Array} attenuation, row by row
 */
export function renderChestRadiograph({ width, height, spacing, seed }) {
  const c = new Canvas(width, height, spacing, 0);
  const w = (width * spacing) / 2; // half-width in mm
  const h = (height * spacing) / 2;
  // Trunk and shoulders, neck.
  c.ellipse(0, h * 0.15, w * 0.86, h * 1.05, 0.42);
  c.capsule(-w * 0.55, -h * 0.72, w * 0.55, -h * 0.72, h * 0.16, 0.42);
  c.ellipse(0, -h * 0.95, w * 0.2, h * 0.3, 0.5);
  for (const side of [-1, 1]) {
    c.ellipse(side * w * 0.82, -h * 0.62, w * 0.13, h * 0.12, 0.62); // humeral heads
    c.ellipse(side * w * 0.68, -h * 0.45, w * 0.12, h * 0.22, (v) => v + 0.08, side * 0.4); // scapulae
  }
  // Lungs, then the abdomen below the domes (the right dome higher, above the liver).
  for (const side of [-1, 1])
    c.ellipse(side * w * 0.38, -h * 0.08, w * 0.3, h * 0.58, (v) => v - 0.24);
  const inBody = (/** @type {number} */ v) => (v > 0.1 ? 0.6 : v);
  c.ellipse(-w * 0.36, h * 1.1, w * 0.46, h * 0.8, inBody);
  c.ellipse(w * 0.36, h * 1.16, w * 0.46, h * 0.8, inBody);
  c.capsule(-w * 0.36, h * 0.9, w * 0.36, h * 0.9, h * 0.5, inBody);
  for (const side of [-1, 1])
    c.ellipse(side * w * 0.55, h * 0.32, w * 0.24, h * 0.17, (v) => (v > 0.1 ? v + 0.07 : v)); // breast shadows
  // Mediastinum, heart bulging to the patient's left, spine through it.
  c.capsule(0, -h * 0.7, 0, h * 0.2, w * 0.11, 0.62);
  c.ellipse(w * 0.1, h * 0.22, w * 0.3, h * 0.24, 0.64, -0.25);
  c.ellipse(w * 0.06, -h * 0.33, w * 0.08, h * 0.07, 0.66); // aortic knob
  c.capsule(0, -h * 1.2, 0, h * 1.2, w * 0.06, (v) => v + 0.1);
  // Thin structures are drawn on their own layer first, so overlapping strokes do not add up.
  const layer = new Canvas(width, height, spacing, 0);
  const random = seededRandom(seed);
  paintVessels(layer, random, w, h);
  // Posterior ribs: arcs from the spine, laterally and downwards, 10 a side.
  for (let k = 0; k < 10; k++) {
    for (const side of [-1, 1]) {
      const y0 = -h * 0.62 + k * h * 0.13;
      let px = side * w * 0.06;
      let py = y0;
      for (let s = 1; s <= 24; s++) {
        const u = s / 24;
        const x = side * w * (0.06 + 0.72 * Math.sin(u * 1.7));
        const y = y0 - h * 0.06 * Math.sin(u * 3) + h * 0.22 * u * u;
        layer.capsule(px, py, x, y, h * 0.017, (v) => Math.max(v, 0.06));
        px = x;
        py = y;
      }
    }
  }
  for (const side of [-1, 1])
    layer.capsule(side * w * 0.06, -h * 0.62, side * w * 0.62, -h * 0.72, h * 0.02, 0.15); // clavicles
  for (let i = 0; i < c.data.length; i++) {
    const base = c.data[i] ?? 0;
    if (base > 0.1) c.data[i] = base + (layer.data[i] ?? 0);
  }
  c.soften();
  const data = c.data;
  const grain = fractalNoise(width, height, { seed, cell: 32, octaves: 3 });
  const noise = gaussian(seededRandom(seed + 1));
  for (let i = 0; i < data.length; i++) {
    const a = data[i] ?? 0;
    data[i] = a > 0 ? a + 0.015 * (grain[i] ?? 0) + 0.004 * noise() : 0.002 * noise();
  }
  return data;
}

/**
 * Pulmonary vascular markings: branches from each hilum, fading outwards.
 * @param {Canvas} c
 * @param {() => number} random
 * @param {number} w
 * @param {number} h
 */
function paintVessels(c, random, w, h) {
  /** @type {(x: number, y: number, angle: number, r: number, depth: number) => void} */
  const branch = (x, y, angle, r, depth) => {
    const length = h * (0.08 + random() * 0.06);
    const x1 = x + Math.cos(angle) * length;
    const y1 = y + Math.sin(angle) * length;
    c.capsule(x, y, x1, y1, r, (v) => Math.max(v, 0.06 * (r / 3)));
    if (depth > 0) {
      branch(x1, y1, angle - 0.25 - random() * 0.3, r * 0.75, depth - 1);
      branch(x1, y1, angle + 0.25 + random() * 0.3, r * 0.75, depth - 1);
    }
  };
  for (const side of [-1, 1]) {
    for (const angle of [-1.2, -0.5, 0.2, 0.8, 1.3]) {
      branch(side * w * 0.16, -h * 0.05, side > 0 ? angle : Math.PI - angle, 3.2, 4);
    }
  }
}
