import { expect } from '@open-wc/testing';
import { buildDataset, grayscaleModule } from '../../test/viewport/dataset-builder.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { displayDefaultsOf, displayTable8, displayValue } from './display-pipeline.js';
import { paddingRangeOf, storedRange } from './pixel-padding.js';
import { presentationInverted } from './presentation-lut.js';

const frame = (pixels: Int16Array | Uint16Array, signed: boolean): DecodedFrame => ({
  rows: 1,
  columns: pixels.length,
  samplesPerPixel: 1,
  bitsStored: 16,
  signed,
  photometricInterpretation: 'MONOCHROME2',
  pixels,
});

describe('display pipeline', () => {
  it('excludes the Pixel Padding Value range from the data range (PS3.3 C.7.5.1.1.2)', () => {
    const dataset = buildDataset({
      ...grayscaleModule(1, 6, 16, true),
      0x00280120: 0xfc18,
      0x00280121: 0xfc19,
    });
    const padding = paddingRangeOf(dataset);
    expect(padding).to.deep.equal({ low: -1000, high: -999 });
    expect(storedRange(Int16Array.from([-1000, -999, -5, 12, 40, -1000]), padding)).to.deep.equal([
      -5, 40,
    ]);
  });

  it('windows over rescaled data when the header has no window', () => {
    const dataset = buildDataset({
      ...grayscaleModule(1, 3, 16, true),
      0x00281052: -1024,
      0x00281053: 1,
    });
    const defaults = displayDefaultsOf(dataset, frame(Int16Array.from([0, 1024, 2048]), true));
    expect(defaults.modalityRange).to.deep.equal([-1024, 1024]);
    const pipeline = {
      color: false,
      modality: defaults.modality,
      voi: defaults.defaultVoi,
      invert: false,
    };
    expect([0, 2048].map((v) => displayValue(pipeline, v))).to.deep.equal([0, 1]);
  });

  it('shows a one-bit frame 0 black and 1 white, even when it holds only ones', () => {
    const dataset = buildDataset(grayscaleModule(1, 4, 1, false));
    for (const pixels of [Uint8Array.from([0, 1, 1, 0]), Uint8Array.from([1, 1, 1, 1])]) {
      const oneBit = { ...frame(Uint16Array.from(pixels), false), bitsStored: 1, pixels };
      const defaults = displayDefaultsOf(dataset, oneBit);
      const pipeline = {
        color: false,
        modality: defaults.modality,
        voi: defaults.defaultVoi,
        invert: false,
      };
      expect([0, 1].map((v) => displayValue(pipeline, v))).to.deep.equal([0, 1]);
    }
  });

  it('windows a float parametric map over its own range, however narrow', () => {
    const dataset = buildDataset(grayscaleModule(1, 3, 32, false));
    const pixels = Float32Array.from([0.001, 0.002, 0.003]);
    const floatFrame = { ...frame(Uint16Array.from([0, 0, 0]), false), bitsStored: 32, pixels };
    const defaults = displayDefaultsOf(dataset, floatFrame);
    const pipeline = {
      color: false,
      modality: defaults.modality,
      voi: defaults.defaultVoi,
      invert: false,
    };
    const shown = [...pixels].map((v) => displayValue(pipeline, v));
    expect(shown[0]).to.be.closeTo(0, 1e-6);
    expect(shown[1]).to.be.closeTo(0.5, 1e-3);
    expect(shown[2]).to.be.closeTo(1, 1e-6);
  });

  it('inverts MONOCHROME1 and Presentation LUT Shape INVERSE once, not twice', () => {
    expect(presentationInverted(buildDataset({ 0x00280004: 'MONOCHROME1' }))).to.equal(true);
    expect(
      presentationInverted(buildDataset({ 0x00280004: 'MONOCHROME1', 0x20500020: 'INVERSE' })),
    ).to.equal(true);
    expect(
      presentationInverted(buildDataset({ 0x00280004: 'MONOCHROME2', 0x20500020: 'IDENTITY' })),
    ).to.equal(false);
  });

  it('builds an 8-bit table equal to the chain evaluated per value', () => {
    const dataset = buildDataset({
      ...grayscaleModule(1, 2, 12, false),
      0x00281050: 2000,
      0x00281051: 1000,
    });
    const defaults = displayDefaultsOf(dataset, frame(Uint16Array.from([0, 4095]), false));
    const pipeline = {
      color: false,
      modality: defaults.modality,
      voi: defaults.defaultVoi,
      invert: true,
    };
    const table = displayTable8(pipeline, 0, 4095);
    for (const v of [0, 1499, 1500, 1501, 2000, 2499, 2500, 4095]) {
      expect(table[v]).to.equal(Math.round(displayValue(pipeline, v) * 255));
    }
    expect(table[0]).to.equal(255);
    expect(table[4095]).to.equal(0);
  });
});
