import { expect } from '@open-wc/testing';
import { cssScaleFor, sharedMmPerCssPixel } from './physical-scale.js';
import { registrationFromClicks, registrationFromPoints } from './registration.js';
import { imageToPatient, nearestSlice, type SlicePlane } from './slice-position.js';
import { add, scale, type Vec3 } from './vector.js';
import { linkPanZoom, linkVoi } from './view-link.js';

// An oblique stack built from a known normal, so expected indices follow from the construction.
const ROW: Vec3 = [Math.cos(0.3), Math.sin(0.3), 0];
const COLUMN: Vec3 = [0, 0, -1];
const NORMAL: Vec3 = [-Math.sin(0.3), Math.cos(0.3), 0]; // ROW × COLUMN, worked by hand
const ORIGIN: Vec3 = [-120, 40, 300];
const ORIENTATION = [...ROW, ...COLUMN] as unknown as SlicePlane['imageOrientationPatient'];

function stack(
  offsets: readonly number[],
  frameOfReferenceUid: string,
  shift: Vec3 = [0, 0, 0],
): SlicePlane[] {
  return offsets.map((offset) => ({
    imagePositionPatient: add(add(ORIGIN, scale(NORMAL, offset)), shift),
    imageOrientationPatient: ORIENTATION,
    frameOfReferenceUid,
    rows: 256,
    columns: 256,
    pixelSpacing: [0.8, 0.8],
  }));
}

describe('nearestSlice', () => {
  const offsets = Array.from({ length: 40 }, (_, k) => 100 - k * 2.5); // descending, 2.5 mm apart
  const target = stack(offsets, '1.2.3');
  // The source lies 37.3 mm along the normal from the origin, and 50 mm sideways in plane.
  const source: SlicePlane = {
    imagePositionPatient: add(
      add(ORIGIN, scale(NORMAL, 37.3)),
      add(scale(ROW, 50), scale(COLUMN, 20)),
    ),
    imageOrientationPatient: ORIENTATION,
    frameOfReferenceUid: '1.2.3',
  };

  it('picks the slice nearest along the normal in the same frame of reference', () => {
    const expectedIndex = offsets.findIndex((offset) => offset === 37.5); // (100 − 37.5) / 2.5 = 25
    const nearest = nearestSlice(source, target);
    expect(expectedIndex).to.equal(25);
    expect(nearest?.index).to.equal(expectedIndex);
    expect(nearest?.distanceMm).to.be.closeTo(0.2, 1e-9);
  });

  it('gives no answer across frames of reference without a registration, and none outside the stack', () => {
    expect(nearestSlice(source, stack(offsets, '9.9'))).to.equal(undefined);
    const far: SlicePlane = { ...source, imagePositionPatient: add(ORIGIN, scale(NORMAL, 400)) };
    expect(nearestSlice(far, target, { maxDistanceMm: 2 })).to.equal(undefined);
  });

  it('uses the translation of one click pair when the frames of reference differ', () => {
    const shift: Vec3 = [12, -30, 55];
    const shifted = stack(offsets, '9.9', shift);
    const clickedPoint = imageToPatient(target[10]!, 100, 80);
    const registration = registrationFromPoints(clickedPoint, add(clickedPoint, shift));
    expect(nearestSlice(source, shifted, { registration })?.index).to.equal(25);
    const fromClicks = registrationFromClicks(
      { plane: target[10]!, column: 100, row: 80 },
      { plane: shifted[10]!, column: 100, row: 80 },
    );
    fromClicks.translation.forEach((value, axis) =>
      expect(value).to.be.closeTo(shift[axis]!, 1e-9),
    );
  });

  it('maps a pixel to patient coordinates with the column spacing along the row direction', () => {
    const plane: SlicePlane = {
      imagePositionPatient: [10, 20, 30],
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [0.5, 2],
    };
    expect(imageToPatient(plane, 3, 4)).to.deep.equal([16, 22, 30]);
  });
});

describe('view links', () => {
  it('applies a zoom about the cell centre and a pan delta, mirrored when asked', () => {
    const before = { scale: 1, pan: { x: 10, y: 0 } };
    const after = { scale: 2, pan: { x: 30, y: 5 } }; // zoom ×2 (10 → 20) then panned by (10, 5)
    const target = { scale: 0.5, pan: { x: -4, y: 2 } };
    expect(linkPanZoom(before, after, target)).to.deep.equal({ scale: 1, pan: { x: 2, y: 9 } });
    expect(linkPanZoom(before, after, target, { mirrorHorizontal: true })).to.deep.equal({
      scale: 1,
      pan: { x: -18, y: 9 },
    });
  });

  it('copies a CT window and moves an MR window relative to each default', () => {
    expect(linkVoi({ center: 40, width: 400 }, 'absolute')).to.deep.equal({
      center: 40,
      width: 400,
    });
    const moved = linkVoi(
      { center: 600, width: 500 },
      'relative',
      { center: 500, width: 1000 },
      { center: 2000, width: 4000 },
    );
    expect(moved).to.deep.equal({ center: 2400, width: 2000 });
  });

  it('shows a magnified and a contact mammogram at the same mm per CSS pixel', () => {
    const contact = { columns: 2000, rows: 2500, spacingMm: { row: 0.1, column: 0.1 } };
    const magnified = {
      columns: 2000,
      rows: 2500,
      spacingMm: { row: 0.1 / 1.5, column: 0.1 / 1.5 },
    };
    const mmPerCss = sharedMmPerCssPixel([contact, magnified], { width: 400, height: 500 });
    expect(mmPerCss).to.be.closeTo(0.5, 1e-12); // 250 mm wide / 400 px and 250 mm tall / 500 px
    expect(cssScaleFor(contact.spacingMm, mmPerCss!) * 2000).to.be.closeTo(400, 1e-9);
    expect(cssScaleFor(magnified.spacingMm, mmPerCss!) * 2000 * 1.5).to.be.closeTo(400, 1e-9);
  });
});
