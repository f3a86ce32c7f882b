import { expect } from '@open-wc/testing';
import { imageToDevice, type ViewGeometry } from '../../render/view-transform.js';
import { oneToOnePan } from '../viewer/physical-layout.js';
import { blankCell } from '../../session/viewer-cell.js';
import { oneToOneGeometry } from './view-mapping.js';

const geometry: ViewGeometry = {
  scale: 'fit',
  pan: { x: 0, y: 0 },
  rotation: 0,
  flipHorizontal: false,
  flipVertical: false,
};

describe('1:1 geometry', () => {
  for (const devicePixelRatio of [1, 1.25, 1.5, 2, 3])
    it(`maps one image pixel to one device pixel on a whole-pixel origin at devicePixelRatio ${String(devicePixelRatio)}`, () => {
      const surface = { width: 333, height: 251, devicePixelRatio };
      const view = oneToOneGeometry({ ...geometry, pan: { x: 7.3, y: -2.1 } }, surface, {
        columns: 3328,
        rows: 4096,
      });
      const m = imageToDevice(view, surface, 3328, 4096);
      expect(m.a).to.be.closeTo(1, 1e-12);
      expect(m.d).to.be.closeTo(1, 1e-12);
      expect(Number.isInteger(m.e) && Number.isInteger(m.f)).to.equal(true);
    });

  it('keeps a larger image covering the viewport and a smaller one inside it, whatever the pan asked', () => {
    const surface = { width: 200, height: 100, devicePixelRatio: 2 };
    // 600 × 120 device pixels = 300 × 60 CSS pixels: 50 px over horizontally, 20 px under vertically.
    const far = oneToOneGeometry({ ...geometry, pan: { x: -1e6, y: 1e6 } }, surface, {
      columns: 600,
      rows: 120,
    });
    expect(far.pan).to.deep.equal({ x: -50, y: 20 });
    expect(
      oneToOneGeometry({ ...geometry, rotation: 90 }, surface, { columns: 600, rows: 120 }).scale,
    ).to.equal(0.5);
  });

  it('starts a mammography view at its chest wall', () => {
    const cell = blankCell(0, 0);
    expect(oneToOnePan({ ...cell, alignment: 'chest-wall-right' }).x).to.be.below(-1e5);
    expect(oneToOnePan({ ...cell, alignment: 'chest-wall-left' }).x).to.be.above(1e5);
    expect(oneToOnePan(cell)).to.deep.equal({ x: 0, y: 0 });
  });
});
