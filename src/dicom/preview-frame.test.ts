import { expect } from '@open-wc/testing';
import { expandPreview, levelsToFit, type PreviewFrame } from './preview-frame.js';

describe('expandPreview', () => {
  it('stretches each preview pixel over scale × scale full-resolution pixels, clipping the last ones', () => {
    // A 5×3 image at level 1 is 3×2 (ISO/IEC 15444-1 B.5 rounds up).
    const preview: PreviewFrame = {
      rows: 2,
      columns: 3,
      samplesPerPixel: 1,
      bitsStored: 12,
      signed: false,
      photometricInterpretation: 'MONOCHROME2',
      pixels: new Uint16Array([1, 2, 3, 4, 5, 6]),
      resolutionLevel: 1,
      scale: 2,
      fullRows: 3,
      fullColumns: 5,
      partial: true,
    };
    const full = expandPreview(preview);
    expect([full.rows, full.columns]).to.deep.equal([3, 5]);
    expect(full.pixels).to.be.instanceOf(Uint16Array);
    expect([...full.pixels]).to.deep.equal([1, 1, 2, 2, 3, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6]);
  });

  it('keeps colour samples together', () => {
    const preview: PreviewFrame = {
      rows: 1,
      columns: 1,
      samplesPerPixel: 3,
      bitsStored: 8,
      signed: false,
      photometricInterpretation: 'RGB',
      pixels: new Uint8Array([10, 20, 30]),
      resolutionLevel: 1,
      scale: 2,
      fullRows: 2,
      fullColumns: 2,
      partial: true,
    };
    expect([...expandPreview(preview).pixels]).to.deep.equal([
      10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30,
    ]);
  });
});

describe('levelsToFit', () => {
  it('counts the fewest halvings of both sides that fit a pixel budget', () => {
    const mp = 1024 * 1024;
    expect(levelsToFit(mp, mp)).to.equal(0);
    expect(levelsToFit(mp + 1, mp)).to.equal(1);
    expect(levelsToFit(4096 * 4096, mp)).to.equal(2);
    expect(levelsToFit(4096 * 4096 + 1, mp)).to.equal(3);
    // A 4096 × 3328 mammogram: 3.4 M pixels after one level, 0.85 M after two.
    expect(levelsToFit(4096 * 3328, mp)).to.equal(2);
  });
});
