import { expect } from '@open-wc/testing';
import { buildDataset, lutBytes } from '../../test/viewport/dataset-builder.js';
import {
  applyVoi,
  applyWindow,
  normaliseWindow,
  voiPresetsOf,
  windowFromRange,
} from './voi-lut.js';

describe('VOI LUT (PS3.3 C.11.2)', () => {
  it('follows the LINEAR end points: x ≤ c − 0.5 − (w−1)/2 → 0, x > c − 0.5 + (w−1)/2 → 1', () => {
    const w = { windowCenter: 40, windowWidth: 400, function: 'LINEAR' as const };
    expect(applyWindow(w, -160)).to.equal(0); // 40 − 0.5 − 199.5
    expect(applyWindow(w, -159)).to.be.closeTo((-159 - 39.5) / 399 + 0.5, 1e-12);
    expect(applyWindow(w, 239)).to.equal(1); // > 40 − 0.5 + 199.5
    expect(applyWindow(w, 238)).to.be.closeTo((238 - 39.5) / 399 + 0.5, 1e-12);
  });

  it('clamps a LINEAR width below 1 to 1 (C.11.2.1.2.1)', () => {
    const w = normaliseWindow({ windowCenter: 10, windowWidth: 0 });
    expect(w.windowWidth).to.equal(1);
    expect([applyWindow(w, 9), applyWindow(w, 10)]).to.deep.equal([0, 1]);
  });

  it('follows LINEAR_EXACT: (x − c)/w + 0.5 between c ± w/2', () => {
    const w = { windowCenter: 100, windowWidth: 50, function: 'LINEAR_EXACT' as const };
    expect(applyWindow(w, 75)).to.equal(0);
    expect(applyWindow(w, 100)).to.equal(0.5);
    expect(applyWindow(w, 120)).to.be.closeTo(0.9, 1e-12);
    expect(applyWindow(w, 126)).to.equal(1);
  });

  it('follows SIGMOID: 1 / (1 + exp(−4(x − c)/w))', () => {
    const w = { windowCenter: 0, windowWidth: 100, function: 'SIGMOID' as const };
    expect(applyWindow(w, 0)).to.equal(0.5);
    expect(applyWindow(w, 50)).to.be.closeTo(1 / (1 + Math.exp(-2)), 1e-12);
  });

  it('offers every header window as a preset with its explanation, then VOI LUT items', () => {
    const item = buildDataset({
      0x00283002: [2, 0, 10],
      0x00283006: lutBytes([0, 1023]),
      0x00283003: 'BONE',
    });
    const presets = voiPresetsOf(
      buildDataset({
        0x00281050: '40\\300',
        0x00281051: '400\\1500',
        0x00281055: 'SOFT\\BONE WINDOW',
        0x00283010: [item],
      }),
      false,
    );
    expect(presets.map((p) => p.label)).to.deep.equal(['SOFT', 'BONE WINDOW', 'BONE']);
    const table = presets[2]!.voi;
    expect(applyVoi(table, 1)).to.equal(1);
    expect(applyVoi(table, 0)).to.equal(0);
  });

  it('derives a window that maps the data range exactly onto [0, 1]', () => {
    const w = windowFromRange(-1000, 3000);
    expect(applyWindow(w, -1000)).to.equal(0);
    expect(applyWindow(w, 3000)).to.equal(1);
    expect(applyWindow(w, 1000)).to.be.closeTo(0.5, 1e-3);
  });
});
