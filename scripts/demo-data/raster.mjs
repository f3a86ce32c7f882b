/**
 * Painting primitives shared by the phantoms: shapes are given in millimetres
 * in the image plane and painted, later shapes over earlier ones, into a
 * Float32Array of physical values (HU, detector signal …).
 */

/**
 * @typedef {number | ((current: number, u: number) => number)} Paint
 *   a constant, or a function of the current value and of the normalised
 *   radius u (0 at the centre, 1 on the edge) for conditional or graded fills
 */

export class Canvas {
  /**
   * @param {number} width pixels
   * @param {number} height pixels
   * @param {number} spacing mm per pixel
   * @param {number} fill initial value
   */
  constructor(width, height, spacing, fill) {
    this.width = width;
    this.height = height;
    this.spacing = spacing;
    this.data = new Float32Array(width * height).fill(fill);
    // The image centre is the origin: x grows with columns, y with rows.
    this.originX = -((width - 1) / 2) * spacing;
    this.originY = -((height - 1) / 2) * spacing;
  }

  /**
   * A (rotated) ellipse centred at (cx, cy) with semi-axes ax, ay in mm.
   * @param {number} cx
   * @param {number} cy
   * @param {number} ax
   * @param {number} ay
   * @param {Paint} paint
   * @param {number} [angle] radians, counter-clockwise from the x axis
   */
  ellipse(cx, cy, ax, ay, paint, angle = 0) {
    if (ax <= 0 || ay <= 0) return;
    const reach = Math.max(ax, ay);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    this.#scan(
      cx - reach,
      cy - reach,
      cx + reach,
      cy + reach,
      (x, y) => {
        const dx = x - cx;
        const dy = y - cy;
        const u = (dx * cos + dy * sin) / ax;
        const v = (-dx * sin + dy * cos) / ay;
        const r2 = u * u + v * v;
        return r2 <= 1 ? Math.sqrt(r2) : -1;
      },
      paint,
    );
  }

  /**
   * A band of the given thickness (mm) along the segment (x0, y0)–(x1, y1),
   * with round caps.
   * @param {number} x0
   * @param {number} y0
   * @param {number} x1
   * @param {number} y1
   * @param {number} radius
   * @param {Paint} paint
   */
  capsule(x0, y0, x1, y1, radius, paint) {
    const lx = x1 - x0;
    const ly = y1 - y0;
    const length2 = lx * lx + ly * ly || 1;
    this.#scan(
      Math.min(x0, x1) - radius,
      Math.min(y0, y1) - radius,
      Math.max(x0, x1) + radius,
      Math.max(y0, y1) + radius,
      (x, y) => {
        const s = Math.max(0, Math.min(1, ((x - x0) * lx + (y - y0) * ly) / length2));
        const dx = x - x0 - s * lx;
        const dy = y - y0 - s * ly;
        const r = Math.sqrt(dx * dx + dy * dy) / radius;
        return r <= 1 ? r : -1;
      },
      paint,
    );
  }

  /**
   * @param {number} minX
   * @param {number} minY
   * @param {number} maxX
   * @param {number} maxY
   * @param {(x: number, y: number) => number} inside normalised radius, or < 0 outside
   * @param {Paint} paint
   */
  #scan(minX, minY, maxX, maxY, inside, paint) {
    const { width, height, spacing, originX, originY, data } = this;
    const c0 = Math.max(0, Math.floor((minX - originX) / spacing));
    const c1 = Math.min(width - 1, Math.ceil((maxX - originX) / spacing));
    const r0 = Math.max(0, Math.floor((minY - originY) / spacing));
    const r1 = Math.min(height - 1, Math.ceil((maxY - originY) / spacing));
    for (let row = r0; row <= r1; row++) {
      const y = originY + row * spacing;
      for (let col = c0; col <= c1; col++) {
        const u = inside(originX + col * spacing, y);
        if (u < 0) continue;
        const i = row * width + col;
        data[i] = typeof paint === 'number' ? paint : paint(/** @type {number} */ (data[i]), u);
      }
    }
  }

  /** Separable [1 2 1]/4 blur: the partial-volume softening a real detector gives edges. */
  soften() {
    const { width, height, data } = this;
    const tmp = new Float32Array(data.length);
    for (let row = 0; row < height; row++) {
      const o = row * width;
      for (let col = 0; col < width; col++) {
        const l = data[o + Math.max(0, col - 1)] ?? 0;
        const r = data[o + Math.min(width - 1, col + 1)] ?? 0;
        tmp[o + col] = (l + 2 * (data[o + col] ?? 0) + r) / 4;
      }
    }
    for (let row = 0; row < height; row++) {
      const up = Math.max(0, row - 1) * width;
      const down = Math.min(height - 1, row + 1) * width;
      const o = row * width;
      for (let col = 0; col < width; col++) {
        data[o + col] =
          ((tmp[up + col] ?? 0) + 2 * (tmp[o + col] ?? 0) + (tmp[down + col] ?? 0)) / 4;
      }
    }
  }
}

/**
 * How much of an organ exists at a normalised level t: 0 outside [t0, t1],
 * rising to 1 in the middle like the cross-section of an ellipsoid.
 * @param {number} t
 * @param {number} t0
 * @param {number} t1
 */
export function extent(t, t0, t1) {
  if (t <= t0 || t >= t1) return 0;
  const s = (2 * (t - t0)) / (t1 - t0) - 1;
  return Math.sqrt(1 - s * s);
}
