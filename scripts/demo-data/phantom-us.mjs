/**
 * A curvilinear-probe abdominal ultrasound cine loop, RGB: speckled liver
 * parenchyma in a sector, the diaphragm, an anechoic vessel carrying a colour
 * Doppler blob that pulses from frame to frame, and a velocity colour bar.
 */
import { gaussian, seededRandom } from './random.mjs';

/**
 * @param {{ width: number, height: number, frames: number, seed: number }} options
 * @returns {Uint8Array[]} one interleaved RGB buffer per frame
 */
export function renderUltrasoundLoop({ width, height, frames, seed }) {
  const apexX = width / 2;
  const apexY = height * 0.06;
  const inner = height * 0.08;
  const outer = height * 0.92;
  const halfAngle = (38 * Math.PI) / 180;
  const margin = Math.ceil(height * 0.1);
  // Speckle is fixed to the tissue; breathing slides the tissue under the probe.
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const fieldHeight = height + margin;
  const speckle = new Float32Array(width * fieldHeight);
  for (let i = 0; i < speckle.length; i++) speckle[i] = Math.hypot(normal(), normal()) / 1.25;
  for (let y = 0; y < fieldHeight; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      // Lateral resolution is worse than axial: smear the speckle sideways.
      speckle[i] = ((speckle[i - 1] ?? 0) + 2 * (speckle[i] ?? 0) + (speckle[i + 1] ?? 0)) / 4;
    }
  }
  /** @type {Uint8Array[]} */
  const loop = [];
  for (let f = 0; f < frames; f++) {
    const phase = (2 * Math.PI * f) / frames;
    const breath = Math.round((Math.sin(phase) + 1) * 0.5 * margin * 0.6);
    const flow = Math.max(0, Math.sin(phase * 2)); // two heart beats per loop
    const rgb = new Uint8Array(width * height * 3);
    const vessel = {
      x: width * 0.56,
      y: height * 0.5 - breath,
      rx: width * 0.07,
      ry: height * 0.045,
    };
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const dx = x - apexX;
        const dy = y - apexY;
        const r = Math.hypot(dx, dy);
        const angle = Math.atan2(dx, dy);
        const o = (y * width + x) * 3;
        if (r < inner || r > outer || Math.abs(angle) > halfAngle) continue;
        const tissueY = y + breath;
        const depth = (r - inner) / (outer - inner);
        // Echogenicity: liver, a bright diaphragm arc, darker structures beyond; gain falls with depth.
        const diaphragm = Math.exp(
          -(((tissueY - height * 0.78 - dx * dx * 0.0006) / (height * 0.012)) ** 2),
        );
        const beyond = tissueY > height * 0.8 + dx * dx * 0.0006 ? 0.55 : 1;
        const v = ((x - vessel.x) / vessel.rx) ** 2 + ((y - vessel.y) / vessel.ry) ** 2;
        const echo = (v < 1 ? 0.05 : 0.55 * beyond) + 1.6 * diaphragm;
        let gray = 150 * echo * (speckle[tissueY * width + x] ?? 0) * (1 - 0.35 * depth);
        gray = gray > 255 ? 255 : gray;
        rgb[o] = rgb[o + 1] = rgb[o + 2] = gray;
        if (v < 1 && flow > 0.05) {
          // Flow away from the probe above the centre line, towards it below: blue and red.
          const speed = flow * (1 - v);
          const towards = y > vessel.y;
          rgb[o] = towards ? 120 + 135 * speed : 0;
          rgb[o + 1] = 60 * speed;
          rgb[o + 2] = towards ? 0 : 120 + 135 * speed;
        }
      }
    }
    paintColourBar(rgb, width, height);
    loop.push(rgb);
  }
  return loop;
}

/** Velocity scale on the right: red (towards) above black above blue (away). */
function paintColourBar(
  /** @type {Uint8Array} */ rgb,
  /** @type {number} */ width,
  /** @type {number} */ height,
) {
  const x0 = Math.round(width * 0.93);
  const barWidth = Math.max(2, Math.round(width * 0.02));
  const y0 = Math.round(height * 0.15);
  const y1 = Math.round(height * 0.45);
  for (let y = y0; y < y1; y++) {
    const s = ((y - y0) / (y1 - y0)) * 2 - 1;
    for (let x = x0; x < x0 + barWidth; x++) {
      const o = (y * width + x) * 3;
      rgb[o] = s < 0 ? 255 * -s : 0;
      rgb[o + 1] = 40 * Math.abs(s);
      rgb[o + 2] = s > 0 ? 255 * s : 0;
    }
  }
}
