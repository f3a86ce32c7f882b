import { expect } from '@open-wc/testing';
import {
  codedColorModel,
  colorModelHint,
  libjpegColorModel,
  readJpegColorMarkers,
} from './jpeg-color-model.js';

/** SOI, optional APPn segments, then a baseline SOF0 with three components (id, sampling). */
function codestream(
  components: readonly (readonly [number, number])[],
  ...segments: number[][]
): Uint8Array {
  const sof = [0xff, 0xc0, 0x00, 8 + 3 * components.length, 8, 0, 16, 0, 16, components.length];
  for (const [id, hv] of components) sof.push(id, hv, 0);
  return new Uint8Array([0xff, 0xd8, ...segments.flat(), ...sof, 0xff, 0xd9]);
}
const JFIF = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
const adobe = (transform: number): number[] => [
  0xff,
  0xee,
  0x00,
  0x0e,
  0x41,
  0x64,
  0x6f,
  0x62,
  0x65,
  0,
  0x64,
  0,
  0,
  0,
  0,
  transform,
];
/** An Adobe segment too short for libjpeg to trust (pydicom's SC_rgb_jpeg.dcm has one). */
const SHORT_ADOBE = [0xff, 0xee, 0x00, 0x07, 0x41, 0x64, 0x6f, 0x62, 0x65];
const IDS_012 = [
  [0, 0x11],
  [1, 0x11],
  [2, 0x11],
] as const;
const IDS_123_420 = [
  [1, 0x22],
  [2, 0x11],
  [3, 0x11],
] as const;
const IDS_RGB = [
  [0x52, 0x11],
  [0x47, 0x11],
  [0x42, 0x11],
] as const;

describe('JPEG colour model', () => {
  it('treats an RGB frame without JFIF or Adobe markers as untransformed RGB, though libjpeg would guess YCbCr', () => {
    const markers = readJpegColorMarkers(codestream(IDS_012), 'test');
    expect(codedColorModel('RGB', markers)).to.equal('rgb');
    expect(libjpegColorModel(markers)).to.equal('ycbcr');
    expect([...(colorModelHint(markers, 'rgb') ?? [])].slice(0, 9)).to.deep.equal(
      adobe(0).slice(0, 9),
    );
  });

  it('ignores an Adobe segment too short to carry a transform flag', () => {
    const markers = readJpegColorMarkers(codestream(IDS_012, SHORT_ADOBE), 'test');
    expect(markers.adobeTransform).to.equal(undefined);
    expect(codedColorModel('RGB', markers)).to.equal('rgb');
  });

  it('believes the codestream over an RGB label when chroma is subsampled, JFIF is present or Adobe says YCbCr', () => {
    expect(codedColorModel('RGB', readJpegColorMarkers(codestream(IDS_123_420), 'test'))).to.equal(
      'ycbcr',
    );
    expect(
      codedColorModel('RGB', readJpegColorMarkers(codestream(IDS_012, JFIF), 'test')),
    ).to.equal('ycbcr');
    expect(
      codedColorModel('RGB', readJpegColorMarkers(codestream(IDS_012, adobe(1)), 'test')),
    ).to.equal('ycbcr');
    expect(
      codedColorModel('RGB', readJpegColorMarkers(codestream(IDS_012, adobe(0)), 'test')),
    ).to.equal('rgb');
  });

  it('forces YCbCr with a JFIF hint for YBR frames whose component IDs spell RGB', () => {
    const markers = readJpegColorMarkers(codestream(IDS_RGB), 'test');
    expect(libjpegColorModel(markers)).to.equal('rgb');
    expect(codedColorModel('YBR_FULL_422', markers)).to.equal('ycbcr');
    expect([...(colorModelHint(markers, 'ycbcr') ?? [])].slice(0, 4)).to.deep.equal([
      0xff, 0xe0, 0x00, 0x10,
    ]);
  });

  it('adds no hint when libjpeg already guesses the coded model', () => {
    const markers = readJpegColorMarkers(codestream(IDS_123_420, JFIF), 'test');
    expect(colorModelHint(markers, codedColorModel('YBR_FULL_422', markers))).to.equal(undefined);
  });
});
