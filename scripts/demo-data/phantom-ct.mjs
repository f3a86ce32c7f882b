/**
 * A contrast-enhanced (portal venous) chest–abdomen CT phantom in Hounsfield
 * units. Coordinates follow the patient (LPS, PS3.3 C.7.6.2.1.1): x towards
 * the patient's left (image right), y posterior (image down), z superior.
 * Level t runs 0 (lung apices, z = 0) to 1 (pelvis, z = -LENGTH_MM).
 */
import { Canvas, extent } from './raster.mjs';
import { fractalNoise, gaussian, seededRandom } from './random.mjs';

export const LENGTH_MM = 320;
const AIR = -1000;
const FAT = -95;
const MUSCLE = 50;
const BONE_CORTEX = 750;
const BONE_MARROW = 230;
const BLOOD = 190;
const LUNG = -860;
const BOWEL_WALL = 75.25; // a value nothing else uses, so a loop fills only its own wall
const TEXTURE_SIZE = 512;

/** @typedef {{ x: number, y: number, z: number, r: number }} Sphere */

/**
 * @param {{ seed: number, noduleDiameterMm: number }} options
 *   the prior and the current exam differ by seed (noise) and nodule size
 */
export function createCtPhantom({ seed, noduleDiameterMm }) {
  const random = seededRandom(0xc7 ^ 1234567); // anatomy is the same patient's in both exams
  const vessels = [...lungVesselTree(random, -1), ...lungVesselTree(random, 1)];
  const bowel = bowelLoops(random);
  const texture = fractalNoise(TEXTURE_SIZE, TEXTURE_SIZE, { seed: 77, cell: 24, octaves: 4 });
  const noise = gaussian(seededRandom(seed));
  /** @type {Sphere} */
  const nodule = { x: -78, y: 30, z: -0.3 * LENGTH_MM, r: noduleDiameterMm / 2 };

  /**
   * @param {number} z mm
   * @param {number} size pixels (square)
   * @param {number} spacing mm per pixel
   * @returns {Float32Array} HU, NaN outside the reconstruction circle
   */
  function slice(z, size, spacing) {
    const t = -z / LENGTH_MM;
    const canvas = new Canvas(size, size, spacing, AIR);
    paintTable(canvas);
    paintBody(canvas, t);
    if (t < 0.47) paintThorax(canvas, t, z, vessels, nodule);
    if (t > 0.34) paintAbdomen(canvas, t, z, bowel);
    paintSpine(canvas, t, z);
    canvas.soften();
    const out = canvas.data;
    const radius2 = (size / 2) ** 2;
    const shift = Math.floor(z * 3.7) & (TEXTURE_SIZE - 1);
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const i = row * size + col;
        if ((row - size / 2 + 0.5) ** 2 + (col - size / 2 + 0.5) ** 2 > radius2) {
          out[i] = Number.NaN;
          continue;
        }
        const hu = /** @type {number} */ (out[i]);
        const grain =
          texture[
            ((row + shift) & (TEXTURE_SIZE - 1)) * TEXTURE_SIZE +
              ((col + 2 * shift) & (TEXTURE_SIZE - 1))
          ] ?? 0;
        // Lung parenchyma is coarsely textured; soft tissue only faintly.
        const textured =
          hu < -600 && hu > -950 ? hu + 45 * grain : hu > -200 && hu < 300 ? hu + 8 * grain : hu;
        out[i] = textured + 9 * noise();
      }
    }
    return out;
  }
  return { slice };
}

/** @param {Canvas} c */
function paintTable(c) {
  for (let x = -200; x <= 200; x += 4) {
    const y = 128 + (x * x) / 2600;
    c.capsule(x, y, x + 4, 128 + (x + 4) ** 2 / 2600, 2.5, 180);
    c.capsule(x, y + 9, x + 4, 137 + (x + 4) ** 2 / 2600, 6, -920);
  }
}

/** @param {Canvas} c @param {number} t */
function bodyAxes(t) {
  const shoulders = t < 0.08 ? (0.08 - t) * 300 : 0;
  const hips = t > 0.8 ? (t - 0.8) * 60 : 0;
  return { a: 158 + shoulders + hips, b: 112 + (t > 0.45 ? 8 : 0) };
}

/** @param {Canvas} c @param {number} t */
function paintBody(c, t) {
  const { a, b } = bodyAxes(t);
  const fat = t > 0.45 ? 22 : 14;
  c.ellipse(0, 8, a, b, 35); // skin
  c.ellipse(0, 8, a - 2.5, b - 2.5, FAT);
  c.ellipse(0, 10, a - fat, b - fat + 2, MUSCLE);
  c.ellipse(0, 12, a - fat - 11, b - fat - 12, FAT + 10);
  // Paraspinal muscles, behind the cavity.
  c.ellipse(-32, 86, 24, 20, MUSCLE);
  c.ellipse(32, 86, 24, 20, MUSCLE);
}

/**
 * @param {Canvas} c
 * @param {number} t
 * @param {number} z
 * @param {Sphere[]} vessels
 * @param {Sphere} nodule
 */
function paintThorax(c, t, z, vessels, nodule) {
  const { a, b } = bodyAxes(t);
  const lungGrowth = Math.min(1, 0.35 + t * 4) * (t < 0.36 ? 1 : 1 - (t - 0.36) * 8);
  const lungDrop = t > 0.36 ? (t - 0.36) * 300 : 0;
  for (const side of [-1, 1]) {
    const ax = 58 * lungGrowth;
    const ay = 88 * lungGrowth;
    if (ax > 1)
      c.ellipse(side * 72, 8 + lungDrop, ax, ay, (v) => (v > -300 ? LUNG : v), side * 0.12);
  }
  // Ribs: oblique hoops, so each appears and disappears as z advances.
  for (let k = 0; k < 26; k++) {
    const angle = (k / 26) * Math.PI * 2;
    if (Math.abs(Math.cos(angle)) < 0.3 || Math.sin((z + k * 7) / 9) < 0.3) continue;
    const x = Math.cos(angle) * (a - 20);
    const y = 10 + Math.sin(angle) * (b - 22);
    c.ellipse(x, y, 7, 4.5, BONE_CORTEX, angle + Math.PI / 2);
    c.ellipse(x, y, 4.5, 2.5, BONE_MARROW, angle + Math.PI / 2);
  }
  if (t > 0.04 && t < 0.38) c.ellipse(0, -b + 22, 16, 6, 450); // sternum
  if (t < 0.2) {
    for (const side of [-1, 1]) c.ellipse(side * 92, 88, 34, 3.5, 520, -side * 0.35); // scapulae
  }
  const heart = extent(t, 0.19, 0.44);
  if (heart > 0) {
    c.ellipse(22, -22, 66 * heart, 54 * heart, -90, -0.5);
    c.ellipse(22, -22, 60 * heart, 48 * heart, 95, -0.5);
    c.ellipse(12, -26, 30 * heart, 22 * heart, BLOOD - 20, -0.5);
    c.ellipse(40, -12, 22 * heart, 20 * heart, BLOOD - 30, -0.5);
  }
  if (t < 0.19) {
    c.ellipse(0, -14, 10, 10, 60); // trachea wall and lumen
    c.ellipse(0, -14, 8, 8, AIR);
  } else if (t < 0.24) {
    for (const side of [-1, 1]) {
      c.ellipse(side * 22, -6, 7, 7, 60);
      c.ellipse(side * 22, -6, 5.5, 5.5, AIR);
    }
  }
  if (t > 0.09 && t < 0.125) c.capsule(-8, -22, 22, 42, 14, BLOOD); // aortic arch
  if (t > 0.11 && t < 0.26) c.ellipse(-8, -22, 15, 15, BLOOD); // ascending aorta
  if (t > 0.16 && t < 0.22) c.ellipse(22, -24, 14, 13, BLOOD - 40); // pulmonary trunk
  if (t > 0.06 && t < 0.24) c.ellipse(-30, -12, 9, 9, BLOOD - 40); // superior vena cava
  c.ellipse(6, 38, 7, 7, 40); // oesophagus
  c.ellipse(6, 38, 2, 2, AIR);
  // Pulmonary vessels: only where lung is, so they never leak into the mediastinum.
  const inLung = (/** @type {number} */ value) => (value < -600 && value > -990 ? 40 : value);
  for (const s of vessels) {
    const dz = s.z - z;
    if (Math.abs(dz) < s.r) {
      const r = Math.sqrt(s.r * s.r - dz * dz);
      c.ellipse(s.x, s.y + lungDrop * 0.4, r, r, inLung);
    }
  }
  const ndz = nodule.z - z;
  if (Math.abs(ndz) < nodule.r) {
    const r = Math.sqrt(nodule.r * nodule.r - ndz * ndz);
    c.ellipse(nodule.x, nodule.y, r, r, (v, u) => (v < -300 ? 35 - 80 * u * u : v));
  }
}

/**
 * @param {Canvas} c
 * @param {number} t
 * @param {number} z
 * @param {(Sphere & { content: number })[]} bowel
 */
function paintAbdomen(c, t, z, bowel) {
  const liver = extent(t, 0.34, 0.7);
  if (liver > 0) {
    c.ellipse(-58, 8, 88 * liver, 82 * liver, 62, 0.2);
    for (const [x, y, r] of /** @type {const} */ ([
      [-50, 20, 6],
      [-80, 0, 4],
      [-30, -5, 5],
      [-70, 40, 4],
    ])) {
      c.ellipse(x, y, r * liver, r * liver, 150);
    }
  }
  const gall = extent(t, 0.56, 0.66);
  if (gall > 0) c.ellipse(-42, -42, 16 * gall, 13 * gall, 10);
  const spleen = extent(t, 0.4, 0.6);
  if (spleen > 0) c.ellipse(92, 42, 26 * spleen, 48 * spleen, 55, -0.5);
  const stomach = extent(t, 0.38, 0.58);
  if (stomach > 0) {
    c.ellipse(48, -26, 46 * stomach, 36 * stomach, 70, 0.3);
    c.ellipse(48, -26, 42 * stomach, 32 * stomach, 15, 0.3);
    c.ellipse(44, -44, 34 * stomach, 16 * stomach, (v) => (v === 15 ? AIR : v), 0.3); // air rises anteriorly
  }
  if (t > 0.55 && t < 0.62) c.capsule(-15, 12, 70, 8, 10, 95); // pancreas
  for (const [side, t0, t1] of /** @type {const} */ ([
    [-1, 0.58, 0.8],
    [1, 0.55, 0.77],
  ])) {
    const k = extent(t, t0, t1);
    if (k <= 0) continue;
    c.ellipse(side * 72, 55, 30 * k, 42 * k, 170, side * 0.35);
    c.ellipse(side * 72, 55, 20 * k, 31 * k, 95, side * 0.35);
    c.ellipse(side * 58, 52, 8 * k, 14 * k, -60, side * 0.35);
  }
  if (t > 0.4 && t < 0.82) c.ellipse(-22, 40, 12, 11, 140); // inferior vena cava
  const psoas = t > 0.62 ? Math.min(1, (t - 0.62) * 5) : 0;
  for (const side of [-1, 1])
    if (psoas > 0) c.ellipse(side * 38, 58, 16 * psoas + 4, 18 * psoas + 4, MUSCLE);
  for (const loop of bowel) {
    const dz = loop.z - z;
    if (t < 0.58 || Math.abs(dz) >= loop.r) continue;
    const r = Math.sqrt(loop.r * loop.r - dz * dz);
    c.ellipse(loop.x, loop.y, r, r, (v) => (v < 30 ? BOWEL_WALL : v));
    c.ellipse(loop.x, loop.y, r - 2.5, r - 2.5, (v) => (v === BOWEL_WALL ? loop.content : v));
  }
  if (t > 0.84) {
    const w = Math.min(1, (t - 0.84) * 8);
    for (const side of [-1, 1]) {
      c.ellipse(side * 105, 55, 14 * w + 2, 60, BONE_CORTEX, side * 0.6);
      c.ellipse(side * 105, 55, 9 * w, 54, BONE_MARROW + 60, side * 0.6);
    }
  }
  const bladder = extent(t, 0.9, 1.12);
  if (bladder > 0) c.ellipse(0, -30, 40 * bladder, 32 * bladder, 8);
}

/** @param {Canvas} c @param {number} t @param {number} z */
function paintSpine(c, t, z) {
  const y = t < 0.45 ? 62 : 52 - (t - 0.45) * 20;
  const size = 1 + t * 0.45;
  // Intervertebral discs every ~30 mm, vertebral bodies in between.
  const disc = ((z % 30) + 30) % 30 < 7;
  c.ellipse(0, y, 17 * size, 14 * size, disc ? 90 : BONE_CORTEX);
  if (!disc) c.ellipse(0, y, 15 * size, 12 * size, BONE_MARROW);
  c.ellipse(0, y + 14 * size + 12, 12, 11, 600); // neural arch
  c.ellipse(0, y + 14 * size + 12, 8, 7, 15); // spinal canal
  c.ellipse(0, y + 14 * size + 33, 5, 14, 600); // spinous process
  if (t < 0.82) c.ellipse(t < 0.45 ? 22 : 14, y - 18, 12, 12, BLOOD); // descending aorta
}

/**
 * Pulmonary arteries as chains of spheres branching out of the hilum.
 * @param {() => number} random
 * @param {number} side -1 right lung (image left), +1 left lung
 * @returns {Sphere[]}
 */
function lungVesselTree(random, side) {
  /** @type {Sphere[]} */
  const spheres = [];
  /** @param {number} x @param {number} y @param {number} z @param {number} dx @param {number} dy @param {number} dz @param {number} r @param {number} depth */
  const grow = (x, y, z, dx, dy, dz, r, depth) => {
    const length = 12 + random() * 12;
    for (let s = 0; s < length; s += 1.5)
      spheres.push({ x: x + dx * s, y: y + dy * s, z: z + dz * s, r });
    if (depth === 0 || r < 0.9) return;
    for (let k = 0; k < 2; k++) {
      const nx = dx + (random() - 0.5) * 0.9;
      const ny = dy + (random() - 0.5) * 0.9;
      const nz = dz + (random() - 0.5) * 0.9;
      const n = Math.hypot(nx, ny, nz);
      grow(
        x + dx * length,
        y + dy * length,
        z + dz * length,
        nx / n,
        ny / n,
        nz / n,
        r * 0.8,
        depth - 1,
      );
    }
  };
  const hilum = { x: side * 38, y: 8, z: -0.27 * LENGTH_MM };
  for (const [dx, dy, dz] of [
    [0.5, -0.2, 0.85],
    [0.9, -0.3, 0.2],
    [0.8, 0.3, 0.4],
    [0.6, 0.4, -0.7],
    [0.7, -0.6, -0.3],
    [0.9, 0.5, -0.2],
  ]) {
    const n = Math.hypot(dx, dy, dz);
    grow(hilum.x, hilum.y, hilum.z, (side * dx) / n, dy / n, dz / n, 4.5, 6);
  }
  return spheres;
}

/** @param {() => number} random */
function bowelLoops(random) {
  /** @type {(Sphere & { content: number })[]} */
  const loops = [];
  for (let k = 0; k < 70; k++) {
    const angle = random() * Math.PI * 2;
    const reach = Math.sqrt(random()) * 95;
    loops.push({
      x: Math.cos(angle) * reach * 1.2,
      y: -20 + Math.sin(angle) * reach * 0.6,
      z: -(0.6 + random() * 0.38) * LENGTH_MM,
      r: 10 + random() * 10,
      content: random() < 0.35 ? AIR : random() < 0.5 ? 20 : 35,
    });
  }
  return loops;
}
