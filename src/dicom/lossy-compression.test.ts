import { expect } from '@open-wc/testing';
import { datasetFromDicomJson } from './json-dataset.js';
import { declaresLossyCompression, isLossyImage } from './lossy-compression.js';
import { TransferSyntax } from './transfer-syntax.js';

function dataset(lossyImageCompression?: string) {
  return datasetFromDicomJson(
    lossyImageCompression === undefined
      ? {}
      : { '00282110': { vr: 'CS', Value: [lossyImageCompression] } },
  );
}

describe('lossy compression of an image', () => {
  it('is declared by Lossy Image Compression (0028,2110) "01" (PS3.3 C.7.6.1.1.5), whatever the syntax', () => {
    expect(declaresLossyCompression(dataset('01'))).to.equal(true);
    expect(isLossyImage(dataset('01'), TransferSyntax.ExplicitVrLittleEndian)).to.equal(true);
    expect(declaresLossyCompression(dataset('00'))).to.equal(false);
    expect(declaresLossyCompression(dataset())).to.equal(false);
  });

  it('follows from a frame in a syntax that allows irreversible compression', () => {
    expect(isLossyImage(dataset(), TransferSyntax.JpegLsNearLossless)).to.equal(true);
    expect(isLossyImage(dataset('00'), TransferSyntax.JpegBaseline)).to.equal(true);
    expect(isLossyImage(dataset(), TransferSyntax.JpegLsLossless)).to.equal(false);
    expect(isLossyImage(dataset(), TransferSyntax.Jpeg2000Lossless)).to.equal(false);
  });
});
