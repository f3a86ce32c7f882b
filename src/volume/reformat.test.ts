import { expect } from '@open-wc/testing';
import { physicalLength } from '../render/measurement.js';
import { reformat, slabOffsets } from './reformat.js';
import { PixelStatus, type ReformatPlane, type SlabMode } from './reformat-plane.js';
import {
  at,
  dotp,
  field,
  GRADIENT,
  indexOf,
  insideness,
  OBLIQUE_SERIES,
  phantom,
  pixelPosition,
  type Acquisition,
} from './linear-phantom.js';
import {
  patientToPlane,
  planeNormal,
  planeThrough,
  rotateAxes,
  STANDARD_PLANE_AXES,
  type StandardPlane,
} from './standard-planes.js';
import { AXIAL } from './test-series.js';
import type { Vec3 } from './vec3.js';
import type { Volume } from './volume.js';

/** Checks every pixel of `plane` against `expected`, and the outside mask against the box. */
function expectPlane(
  a: Acquisition,
  volume: Volume,
  plane: ReformatPlane,
  expected: (p: Vec3) => number | undefined,
  options: Parameters<typeof reformat>[2] = {},
): number {
  const image = reformat(volume, plane, options);
  let checked = 0;
  for (let y = 0; y < plane.height; y++) {
    for (let x = 0; x < plane.width; x++) {
      const p = pixelPosition(plane, x, y);
      const status = image.status[y * plane.width + x];
      const value = image.pixels[y * plane.width + x] ?? NaN;
      const inside = insideness(a, p);
      if (options.slab === undefined && inside !== 0) {
        expect(status, `pixel ${x},${y}`).to.equal(
          inside > 0 ? PixelStatus.sampled : PixelStatus.outside,
        );
      }
      const want = expected(p);
      if (want === undefined) continue;
      expect(status, `pixel ${x},${y}`).to.equal(PixelStatus.sampled);
      expect(value, `pixel ${x},${y}`).to.be.closeTo(want, 2e-3);
      checked++;
    }
  }
  return checked;
}

describe('reformat', () => {
  const volume = phantom(OBLIQUE_SERIES);
  const crosshair = at(OBLIQUE_SERIES, 11.5, 9.25, 7.4);

  for (const name of ['axial', 'coronal', 'sagittal'] as StandardPlane[]) {
    it(`samples the ${name} plane through the crosshair exactly where the patient's millimetres are`, () => {
      const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES[name], crosshair);
      const checked = expectPlane(OBLIQUE_SERIES, volume, plane, (p) =>
        insideness(OBLIQUE_SERIES, p) > 0 ? field(p) : undefined,
      );
      expect(checked).to.be.greaterThan(100);
      const centre = patientToPlane(plane, crosshair);
      expect(centre.x).to.be.closeTo(Math.round(centre.x), 1e-9);
      expect(centre.y).to.be.closeTo(Math.round(centre.y), 1e-9);
      expect(centre.distance).to.be.closeTo(0, 1e-9);
    });
  }

  it('samples an oblique plane rotated about the crosshair', () => {
    const axes = rotateAxes(
      STANDARD_PLANE_AXES.coronal,
      [Math.SQRT1_2, Math.SQRT1_2, 0],
      (35 * Math.PI) / 180,
    );
    const plane = planeThrough(volume.geometry, axes, crosshair, 0.5);
    const checked = expectPlane(OBLIQUE_SERIES, volume, plane, (p) =>
      insideness(OBLIQUE_SERIES, p) > 0 ? field(p) : undefined,
    );
    expect(checked).to.be.greaterThan(100);
  });

  for (const [mode, sign] of [
    ['mip', 1],
    ['minip', -1],
    ['average', 0],
  ] as [SlabMode, number][]) {
    it(`makes a ${mode} slab of 6 mm along the plane normal`, () => {
      const axes = rotateAxes(STANDARD_PLANE_AXES.sagittal, [0, 0, 1], (25 * Math.PI) / 180);
      const plane = planeThrough(volume.geometry, axes, crosshair);
      const n: Vec3 = [
        axes.rowDirection[1] * axes.columnDirection[2] -
          axes.rowDirection[2] * axes.columnDirection[1],
        axes.rowDirection[2] * axes.columnDirection[0] -
          axes.rowDirection[0] * axes.columnDirection[2],
        axes.rowDirection[0] * axes.columnDirection[1] -
          axes.rowDirection[1] * axes.columnDirection[0],
      ];
      const half = 3;
      const checked = expectPlane(
        OBLIQUE_SERIES,
        volume,
        plane,
        (p) => {
          const front: Vec3 = [p[0] + n[0] * half, p[1] + n[1] * half, p[2] + n[2] * half];
          const back: Vec3 = [p[0] - n[0] * half, p[1] - n[1] * half, p[2] - n[2] * half];
          // The box is convex: both faces inside means every sample is.
          if (insideness(OBLIQUE_SERIES, front) <= 0 || insideness(OBLIQUE_SERIES, back) <= 0)
            return undefined;
          return field(p) + sign * Math.abs(dotp(GRADIENT, n)) * half;
        },
        { slab: { thickness: 2 * half, mode } },
      );
      expect(checked).to.be.greaterThan(50);
    });
  }

  it('samples every second pixel and slab step for an interactive frame, each filling its 2 × 2 block', () => {
    const axes = rotateAxes(STANDARD_PLANE_AXES.sagittal, [0, 0, 1], (25 * Math.PI) / 180);
    const plane = planeThrough(volume.geometry, axes, crosshair);
    const n = planeNormal(axes);
    const half = 3;
    const slab = { thickness: 2 * half, mode: 'mip' } as const;
    const image = reformat(volume, plane, { slab, quality: 'interactive' });
    expect(image.pixels.length).to.equal(plane.width * plane.height);
    let checked = 0;
    for (let y = 0; y < plane.height; y++) {
      for (let x = 0; x < plane.width; x++) {
        // The sample that fills this pixel: the even pixel at or before it, each way.
        const p = pixelPosition(plane, x - (x % 2), y - (y % 2));
        const front: Vec3 = [p[0] + n[0] * half, p[1] + n[1] * half, p[2] + n[2] * half];
        const back: Vec3 = [p[0] - n[0] * half, p[1] - n[1] * half, p[2] - n[2] * half];
        if (insideness(OBLIQUE_SERIES, front) <= 0 || insideness(OBLIQUE_SERIES, back) <= 0)
          continue;
        expect(image.status[y * plane.width + x], `pixel ${x},${y}`).to.equal(PixelStatus.sampled);
        expect(image.pixels[y * plane.width + x], `pixel ${x},${y}`).to.be.closeTo(
          field(p) + Math.abs(dotp(GRADIENT, n)) * half,
          2e-3,
        );
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(100);
    // Half the steps of the full slab, both faces still included.
    expect(slabOffsets(volume, 6, 2)).to.deep.equal(
      Array.from({ length: 6 }, (_, s) => -3 + (s * 6) / 5),
    );
  });

  it('samples a slab every finest-voxel step, both faces included', () => {
    expect(slabOffsets(volume, 0)).to.deep.equal([0]);
    const offsets = slabOffsets(volume, 3);
    expect(offsets.length).to.equal(Math.ceil(3 / 0.6) + 1);
    expect(offsets[0]).to.equal(-1.5);
    expect(offsets[offsets.length - 1]).to.equal(1.5);
  });

  it('refuses a plane or a slab beyond its bounds instead of allocating it', () => {
    const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES.axial, crosshair);
    expect(() => reformat(volume, { ...plane, width: 100_000, height: 100_000 })).to.throw(
      RangeError,
    );
    expect(() => reformat(volume, { ...plane, rowSpacing: 0 })).to.throw(RangeError);
    expect(() => reformat(volume, plane, { slab: { thickness: 1e6, mode: 'mip' } })).to.throw(
      RangeError,
    );
  });

  it('takes the nearest voxel when asked', () => {
    const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES.axial, crosshair, 0.7);
    expectPlane(
      OBLIQUE_SERIES,
      volume,
      plane,
      (p) => {
        if (insideness(OBLIQUE_SERIES, p, 0.01) <= 0) return undefined;
        const index = indexOf(OBLIQUE_SERIES, p);
        // Skip ties, where rounding may go either way.
        if (index.some((v) => Math.abs((v % 1) - 0.5) < 1e-3)) return undefined;
        const [i, j, k] = index.map(Math.round) as unknown as Vec3;
        return field(at(OBLIQUE_SERIES, i, j, k));
      },
      { interpolation: 'nearest' },
    );
  });

  it('marks the pixels that need an unloaded slice, and only those', () => {
    const partial = phantom(OBLIQUE_SERIES, field, [7]);
    const plane = planeThrough(partial.geometry, STANDARD_PLANE_AXES.coronal, crosshair);
    const image = reformat(partial, plane);
    let notLoaded = 0;
    for (let y = 0; y < plane.height; y++) {
      for (let x = 0; x < plane.width; x++) {
        const p = pixelPosition(plane, x, y);
        if (insideness(OBLIQUE_SERIES, p) <= 0) continue;
        const k = indexOf(OBLIQUE_SERIES, p)[2];
        if (Math.abs(k - 6) < 1e-6 || Math.abs(k - 8) < 1e-6) continue;
        const status = image.status[y * plane.width + x];
        const needs7 = k > 6 && k < 8;
        expect(status, `pixel ${x},${y}`).to.equal(
          needs7 ? PixelStatus.notLoaded : PixelStatus.sampled,
        );
        if (needs7) notLoaded++;
      }
    }
    expect(notLoaded).to.be.greaterThan(10);
  });
});

describe('reformat of a straight stack (planes along the grid: sections read directly)', () => {
  const AXIAL_SERIES: Acquisition = {
    origin: [-6, 4, -9],
    row: AXIAL.slice(0, 3) as unknown as Vec3,
    column: AXIAL.slice(3, 6) as unknown as Vec3,
    normal: [0, 0, 1],
    spacing: [0.8, 0.7, 1.5],
    dimensions: [21, 18, 14],
  };
  const volume = phantom(AXIAL_SERIES);
  const crosshair = at(AXIAL_SERIES, 9.3, 8.6, 6.2);

  for (const name of ['axial', 'coronal', 'sagittal'] as StandardPlane[]) {
    for (const [mode, sign] of [
      ['mip', 1],
      ['minip', -1],
      ['average', 0],
    ] as [SlabMode, number][]) {
      it(`makes the ${name} plane and its 6 mm ${mode} slab exactly where the millimetres are`, () => {
        const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES[name], crosshair, 0.45);
        const thin = expectPlane(AXIAL_SERIES, volume, plane, (p) =>
          insideness(AXIAL_SERIES, p) > 0 ? field(p) : undefined,
        );
        expect(thin).to.be.greaterThan(100);
        const n = planeNormal(STANDARD_PLANE_AXES[name]);
        const slab = expectPlane(
          AXIAL_SERIES,
          volume,
          plane,
          (p) => {
            const front: Vec3 = [p[0] + n[0] * 3, p[1] + n[1] * 3, p[2] + n[2] * 3];
            const back: Vec3 = [p[0] - n[0] * 3, p[1] - n[1] * 3, p[2] - n[2] * 3];
            if (insideness(AXIAL_SERIES, front) <= 0 || insideness(AXIAL_SERIES, back) <= 0)
              return undefined;
            return field(p) + sign * Math.abs(dotp(GRADIENT, n)) * 3;
          },
          { slab: { thickness: 6, mode } },
        );
        expect(slab).to.be.greaterThan(50);
      });
    }
  }

  it('marks the pixels that need an unloaded slice on a plane along the grid', () => {
    const partial = phantom(AXIAL_SERIES, field, [7]);
    for (const name of ['axial', 'coronal'] as StandardPlane[]) {
      const centre = at(AXIAL_SERIES, 9.3, 8.6, 7.5);
      const plane = planeThrough(partial.geometry, STANDARD_PLANE_AXES[name], centre, 0.45);
      const image = reformat(partial, plane);
      let notLoaded = 0;
      for (let y = 0; y < plane.height; y++) {
        for (let x = 0; x < plane.width; x++) {
          const p = pixelPosition(plane, x, y);
          if (insideness(AXIAL_SERIES, p) <= 0) continue;
          const k = indexOf(AXIAL_SERIES, p)[2];
          if (Math.abs(k - 6) < 1e-6 || Math.abs(k - 8) < 1e-6) continue;
          const needs7 = k > 6 && k < 8;
          expect(image.status[y * plane.width + x], `${name} pixel ${x},${y}`).to.equal(
            needs7 ? PixelStatus.notLoaded : PixelStatus.sampled,
          );
          if (needs7) notLoaded++;
        }
      }
      expect(notLoaded, name).to.be.greaterThan(10);
    }
  });
});

describe('measurements on a reformat', () => {
  it('measures a coronal distance in the phantom’s millimetres', () => {
    // Axial CT-like series, 0.5 × 0.5 × 1 mm: two marks 30 mm apart left-right and 40 mm
    // apart head-feet in one coronal plane, so 50 mm apart.
    const a: Acquisition = {
      origin: [-40, -30, -50],
      row: AXIAL.slice(0, 3) as unknown as Vec3,
      column: AXIAL.slice(3, 6) as unknown as Vec3,
      normal: [0, 0, 1],
      spacing: [0.5, 0.5, 1],
      dimensions: [120, 80, 70],
    };
    const first: Vec3 = [-20, 0, -30];
    const second: Vec3 = [10, 0, 10];
    const near = (p: Vec3, q: Vec3): boolean =>
      Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]) < 1e-6;
    const volume = phantom(a, (p) => (near(p, first) || near(p, second) ? 1000 : 0));
    const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES.coronal, first);
    const image = reformat(volume, plane);
    const marks: { x: number; y: number }[] = [];
    image.pixels.forEach((value, p) => {
      if (value === 1000) marks.push({ x: p % plane.width, y: Math.floor(p / plane.width) });
    });
    expect(marks.length).to.equal(2);
    const [m, n] = marks;
    const length = physicalLength(m!, n!, {
      kind: 'pixel-spacing',
      rowSpacing: plane.rowSpacing,
      columnSpacing: plane.columnSpacing,
    });
    expect(length).to.be.closeTo(50, 1e-9);
  });
});
