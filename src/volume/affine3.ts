import type { Vec3 } from './vec3.js';

/**
 * A 3-D affine map, row-major 3 × 4: `[m0 m1 m2 m3; m4 m5 m6 m7; m8 m9 m10 m11]`, the top
 * three rows of the 4 × 4 matrix of PS3.3 C.7.6.2.1.1 (Equation C.7.6.2.1-1), extended to
 * the slice index: p = M · [i j k 1]ᵀ.
 */
// prettier-ignore
export type Affine3 = readonly [
  number, number, number, number,
  number, number, number, number,
  number, number, number, number,
];

/** The map whose linear part has columns `x`, `y`, `z` and whose translation is `t`. */
export function affineFromColumns(x: Vec3, y: Vec3, z: Vec3, t: Vec3): Affine3 {
  return [x[0], y[0], z[0], t[0], x[1], y[1], z[1], t[1], x[2], y[2], z[2], t[2]];
}

export function transformPoint(m: Affine3, p: Vec3): Vec3 {
  return [
    m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3],
    m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7],
    m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11],
  ];
}

/** The linear part only: a direction or a displacement, not a point. */
export function transformVector(m: Affine3, v: Vec3): Vec3 {
  return [
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[4] * v[0] + m[5] * v[1] + m[6] * v[2],
    m[8] * v[0] + m[9] * v[1] + m[10] * v[2],
  ];
}

/** The inverse map (by the adjugate); the linear part must be invertible. */
export function invertAffine(m: Affine3): Affine3 {
  const [a, b, c, tx, d, e, f, ty, g, h, i, tz] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('singular affine map');
  const r = 1 / det;
  const inv: [number, number, number, number, number, number, number, number, number] = [
    A * r,
    -(b * i - c * h) * r,
    (b * f - c * e) * r,
    B * r,
    (a * i - c * g) * r,
    -(a * f - c * d) * r,
    C * r,
    -(a * h - b * g) * r,
    (a * e - b * d) * r,
  ];
  const [p, q, s, u, v, w, x, y, z] = inv;
  // prettier-ignore
  return [
    p, q, s, -(p * tx + q * ty + s * tz),
    u, v, w, -(u * tx + v * ty + w * tz),
    x, y, z, -(x * tx + y * ty + z * tz),
  ];
}
