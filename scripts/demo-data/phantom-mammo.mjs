/**
 * A processed ("FOR PRESENTATION") full-field digital mammogram phantom, 12-bit
 * MONOCHROME2: compressed breast against the chest wall, skin line,
 * fibroglandular texture, Cooper's ligaments, pectoral muscle on MLO views.
 * Drawn with the chest wall on the left (the left breast as stored, PS3.3
 * C.8.11.7 / IHE Mammography Image: LCC "A\R"), mirrored for the right breast.
 * For the screening reading list: more or less glandular tissue (breast composition), a new
 * mass, and an MLO positioned too high (a technically insufficient view, see `badPositioning`).
 */
import { fractalNoise, gaussian, seededRandom } from './random.mjs';

const MAX = 4095;

/**
 * @param {{ width: number, height: number, laterality: 'L' | 'R', view: 'CC' | 'MLO', anatomySeed: number,
 *   noiseSeed: number, calcificationCluster: boolean, glandularity?: number, mass?: boolean,
 *   badPositioning?: boolean }} options glandularity: added to the gland texture, about -0.3 (fatty)
 *   to +0.3 (dense); mass: a new spiculated mass, about 12 mm; badPositioning (MLO):
 *   the breast pulled up out of the field, the pectoral muscle a sliver that ends far above the
 *   nipple and the inframammary fold cut off by the lower edge (what a reader calls a positioning
 *   fault, CID 6041 (111209, DCM)).
 * @returns {Uint16Array}
 */
export function renderMammogram({
  width,
  height,
  laterality,
  view,
  anatomySeed,
  noiseSeed,
  calcificationCluster,
  glandularity = 0,
  mass = false,
  badPositioning = false,
}) {
  const hw = width >> 1;
  const hh = height >> 1;
  // Texture at half resolution, upsampled: the gland's structure is coarse, the quantum noise is per pixel.
  const gland = fractalNoise(hw, hh, {
    seed: anatomySeed,
    cell: Math.max(8, hw / 6),
    octaves: 6,
    persistence: 0.55,
  });
  const ligaments = fractalNoise(hw, hh, {
    seed: anatomySeed + 1,
    cell: Math.max(8, hw / 10),
    octaves: 3,
    persistence: 0.45,
  });
  const fine = fractalNoise(hw, hh, {
    seed: anatomySeed + 3,
    cell: Math.max(4, hw / 48),
    octaves: 3,
    persistence: 0.6,
  });
  const noise = gaussian(seededRandom(noiseSeed));
  const random = seededRandom(anatomySeed + 2);
  const out = new Uint16Array(width * height);

  const misplaced = badPositioning && view === 'MLO';
  const depth = width * (view === 'CC' ? 0.56 : misplaced ? 0.5 : 0.6);
  const halfHeight = height * (view === 'CC' ? 0.4 : misplaced ? 0.46 : 0.38);
  const centreY = height * (view === 'CC' ? 0.5 : misplaced ? 0.8 : 0.58);
  const pectoralWidth = width * (misplaced ? 0.07 : 0.3);
  const pectoralHeight = height * (misplaced ? 0.2 : 0.46);
  const skin = Math.max(2, width / 1000);

  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x / depth;
      const dy = (y - centreY) / halfHeight;
      const rho = Math.sqrt(dx * dx + dy * dy);
      const inPectoral = view === 'MLO' && x / pectoralWidth + y / pectoralHeight < 1;
      // The axillary tail carries breast tissue up to the top edge along the muscle.
      const inAxilla =
        view === 'MLO' && x / (pectoralWidth * 1.5) + y / (pectoralHeight * 1.45) < 1;
      const i = y * width + (laterality === 'L' ? x : width - 1 - x);
      if (rho >= 1 && !inAxilla) {
        out[i] = clamp(60 + 6 * noise());
        continue;
      }
      const axillaEdge = inAxilla
        ? (1 - x / (pectoralWidth * 1.5) - y / (pectoralHeight * 1.45)) * pectoralWidth
        : 0;
      const edgeDistance = Math.max(axillaEdge, (1 - rho) * Math.min(depth, halfHeight));
      // Thickness falls off over the last centimetre; processing evens most of it out.
      const thickness = Math.min(1, edgeDistance / (width * 0.05));
      const t = (y >> 1) * hw + (x >> 1);
      const g = gland[t] ?? 0;
      const l = ligaments[t] ?? 0;
      // Fibroglandular tissue concentrates behind the nipple and towards the upper-outer quadrant.
      const region = Math.exp(-(((x / depth - 0.45) / 0.45) ** 2) - ((dy + 0.15) / 0.6) ** 2);
      // No gland in the subcutaneous fat, the last ~8 mm under the skin.
      const subcutaneous = smooth(edgeDistance / (width * 0.04) - 0.5);
      const density =
        smooth((g + glandularity + 0.45 * region - 0.12) * 2.2) *
        subcutaneous *
        (0.7 + 0.6 * (fine[t] ?? 0));
      const ligament = Math.pow(Math.max(0, 1 - Math.abs(l) * 14), 3) * (1 - density);
      let value = 900 + 650 * Math.sqrt(thickness) + 1350 * density + 260 * ligament;
      if (edgeDistance < skin * 10) value += 280 * Math.exp(-edgeDistance / (skin * 4));
      if (inPectoral) {
        const fibre = Math.sin((x * 0.6 - y * 0.35) / (width / 400)) * 25;
        const edge = 1 - (x / pectoralWidth + y / pectoralHeight);
        value = Math.max(value, 2350 + fibre + 150 * Math.min(1, edge * 8));
      }
      out[i] = clamp(value + 14 * noise());
    }
  }
  // Nipple in profile at the apex.
  paintDisc(
    out,
    width,
    laterality,
    depth - width * 0.005,
    centreY + halfHeight * 0.04,
    width * 0.018,
    2100,
  );
  // Scattered benign calcifications, the same every year.
  for (let k = 0; k < 9; k++) {
    const x = depth * (0.2 + random() * 0.6);
    const y = centreY + (random() - 0.5) * halfHeight * 1.1;
    paintDisc(out, width, laterality, x, y, Math.max(1.5, width / 900) * (1 + random() * 2), 3700);
  }
  if (calcificationCluster) {
    const cx = depth * 0.55;
    const cy = centreY - halfHeight * 0.35;
    for (let k = 0; k < 9; k++) {
      const r = width * 0.006;
      paintDisc(
        out,
        width,
        laterality,
        cx + (random() - 0.5) * r * 8,
        cy + (random() - 0.5) * r * 8,
        Math.max(1, width / 2400),
        3500,
      );
    }
  }
  if (mass) paintMass(out, width, laterality, depth * 0.5, centreY - halfHeight * 0.45, width);
  return out;
}

/**
 * A spiculated mass: a dense core with thin radiating lines, about 12 mm across on a 0.1 mm grid.
 * @param {Uint16Array} out @param {number} width @param {'L' | 'R'} laterality
 * @param {number} cx @param {number} cy @param {number} scale the image width, for sizes
 */
function paintMass(out, width, laterality, cx, cy, scale) {
  const r = scale * 0.03;
  paintDisc(out, width, laterality, cx, cy, r, 3000);
  for (let k = 0; k < 14; k++) {
    const angle = (k / 14) * 2 * Math.PI + 0.3 * Math.sin(k * 7);
    const length = r * (1.8 + 0.9 * Math.abs(Math.sin(k * 3.1)));
    for (let s = r; s < length; s += Math.max(0.5, scale / 2000))
      paintDisc(
        out,
        width,
        laterality,
        cx + s * Math.cos(angle),
        cy + s * Math.sin(angle),
        Math.max(0.8, scale / 1500) * (1 - (s - r) / length),
        2700,
      );
  }
}

function clamp(/** @type {number} */ v) {
  return v < 0 ? 0 : v > MAX ? MAX : Math.round(v);
}

function smooth(/** @type {number} */ v) {
  const s = Math.max(0, Math.min(1, v));
  return s * s * (3 - 2 * s);
}

/**
 * @param {Uint16Array} out
 * @param {number} width
 * @param {'L' | 'R'} laterality
 * @param {number} cx
 * @param {number} cy
 * @param {number} r
 * @param {number} value
 */
function paintDisc(out, width, laterality, cx, cy, r, value) {
  const height = out.length / width;
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(height - 1, Math.ceil(cy + r)); y++) {
    for (
      let x = Math.max(0, Math.floor(cx - r));
      x <= Math.min(width - 1, Math.ceil(cx + r));
      x++
    ) {
      const d = Math.hypot(x - cx, y - cy) / r;
      if (d > 1) continue;
      const i = y * width + (laterality === 'L' ? x : width - 1 - x);
      out[i] = Math.max(out[i] ?? 0, clamp(value - 400 * d * d));
    }
  }
}
