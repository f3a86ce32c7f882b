import { expect } from '@open-wc/testing';
import { buildDataset } from '../../test/viewport/dataset-builder.js';
import { calibrationOf } from './calibration.js';
import { physicalAngle, physicalLength, regionArea, regionStatistics } from './measurement.js';

describe('measurements', () => {
  it('uses Pixel Spacing as row\\column spacing (PS3.3 10.7.1.3)', () => {
    const c = calibrationOf(buildDataset({ 0x00280030: '0.5\\0.25' }));
    expect(c).to.deep.equal({ kind: 'pixel-spacing', rowSpacing: 0.5, columnSpacing: 0.25 });
    // 40 columns × 0.25 mm and 30 rows × 0.5 mm.
    expect(physicalLength({ x: 0, y: 0 }, { x: 40, y: 30 }, c)).to.be.closeTo(
      Math.hypot(10, 15),
      1e-9,
    );
  });

  it('divides Imager Pixel Spacing by the Estimated Radiographic Magnification Factor', () => {
    const c = calibrationOf(buildDataset({ 0x00181164: '0.1\\0.1', 0x00181114: 1.25 }));
    expect(c.kind).to.equal('imager-pixel-spacing-magnified');
    expect(c.rowSpacing).to.be.closeTo(0.08, 1e-12);
    expect(calibrationOf(buildDataset({ 0x00181164: '0.1\\0.1' })).kind).to.equal(
      'imager-pixel-spacing',
    );
    expect(calibrationOf(buildDataset({})).kind).to.equal('none');
  });

  it('measures angles in physical space', () => {
    const square = { kind: 'none' as const, rowSpacing: 1, columnSpacing: 1 };
    expect(physicalAngle({ x: 10, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 10 }, square)).to.be.closeTo(
      90,
      1e-9,
    );
    const stretched = {
      kind: 'pixel-spacing' as const,
      rowSpacing: 1,
      columnSpacing: Math.sqrt(3),
    };
    expect(physicalAngle({ x: 1, y: 0 }, { x: 0, y: 0 }, { x: 1, y: 1 }, stretched)).to.be.closeTo(
      30,
      1e-9,
    );
  });

  it('computes region areas in mm² and statistics in modality units', () => {
    const c = { kind: 'pixel-spacing' as const, rowSpacing: 0.5, columnSpacing: 0.5 };
    expect(regionArea('rectangle', { x: 0, y: 0 }, { x: 4, y: 2 }, c)).to.equal(2);
    expect(regionArea('ellipse', { x: 0, y: 0 }, { x: 4, y: 2 }, c)).to.be.closeTo(
      Math.PI * 0.5,
      1e-12,
    );
    const pixels = Int16Array.from([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    const frame = {
      rows: 3,
      columns: 3,
      samplesPerPixel: 1 as const,
      bitsStored: 16,
      signed: true,
      photometricInterpretation: 'MONOCHROME2',
      pixels,
    };
    const stats = regionStatistics('rectangle', { x: 0, y: 0 }, { x: 2, y: 2 }, frame, {
      kind: 'rescale',
      slope: 1,
      intercept: -1000,
      unit: 'HU',
    });
    // Pixels 0, 10, 30, 40 → −1000, −990, −970, −960.
    expect(stats).to.deep.include({ mean: -980, min: -1000, max: -960, pixelCount: 4, unit: 'HU' });
    expect(stats!.standardDeviation).to.be.closeTo(Math.sqrt((400 + 100 + 100 + 400) / 4), 1e-9);
    const padded = regionStatistics(
      'rectangle',
      { x: 0, y: 0 },
      { x: 2, y: 2 },
      frame,
      { kind: 'rescale', slope: 1, intercept: 0, unit: undefined },
      { low: 0, high: 0 },
    );
    expect(padded).to.deep.include({ min: 10, pixelCount: 3 });
  });
});
