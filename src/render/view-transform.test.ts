import { expect } from '@open-wc/testing';
import { apply, imageToDevice, invert, type ViewGeometry } from './view-transform.js';

const base: ViewGeometry = {
  scale: 1,
  pan: { x: 0, y: 0 },
  rotation: 0,
  flipHorizontal: false,
  flipVertical: false,
};

describe('view transform', () => {
  it('maps one image pixel to devicePixelRatio² device pixels at scale 1 (HiDPI sharp)', () => {
    const m = imageToDevice(base, { width: 100, height: 100, devicePixelRatio: 2 }, 100, 100);
    expect(apply(m, 0, 0)).to.deep.equal({ x: 0, y: 0 });
    expect(apply(m, 100, 100)).to.deep.equal({ x: 200, y: 200 });
  });

  it('snaps an odd centring offset to whole device pixels at integer zoom', () => {
    const m = imageToDevice(base, { width: 64, height: 64, devicePixelRatio: 1 }, 63, 63);
    expect(Number.isInteger(m.e) && Number.isInteger(m.f)).to.equal(true);
  });

  it('fits the rotated image and rotates clockwise', () => {
    const surface = { width: 200, height: 100, devicePixelRatio: 1 };
    const m = imageToDevice({ ...base, scale: 'fit', rotation: 90 }, surface, 50, 100);
    // A 50×100 image rotated 90° is 100×50: fit scale 2 in 200×100, top-left goes to top-right.
    expect(apply(m, 0, 0)).to.deep.equal({ x: 200, y: 0 });
    expect(apply(m, 50, 100)).to.deep.equal({ x: 0, y: 100 });
  });

  it('flips and inverts consistently', () => {
    const m = imageToDevice(
      { ...base, flipHorizontal: true, pan: { x: 3, y: -2 } },
      { width: 10, height: 10, devicePixelRatio: 1 },
      10,
      10,
    );
    expect(apply(m, 0, 0)).to.deep.equal({ x: 13, y: -2 });
    const back = apply(invert(m), 13, -2);
    expect(back.x).to.be.closeTo(0, 1e-9);
    expect(back.y).to.be.closeTo(0, 1e-9);
  });
});
