import { expect } from '@open-wc/testing';
import { TransferSyntax } from '../dicom/transfer-syntax.js';
import { acceptFrameIn, lossyTransferSyntaxFor } from './lossy-request.js';

describe('lossy frame requests', () => {
  it('asks grey frames of 2 to 16 bits in JPEG-LS near-lossless, whose values keep their meaning', () => {
    for (const bitsStored of [8, 12, 16])
      expect(lossyTransferSyntaxFor({ bitsStored, samplesPerPixel: 1 })).to.equal(
        TransferSyntax.JpegLsNearLossless,
      );
  });

  it('keeps colour, 1-bit and 32-bit frames in their stored syntax', () => {
    expect(lossyTransferSyntaxFor({ bitsStored: 8, samplesPerPixel: 3 })).to.equal(undefined);
    expect(lossyTransferSyntaxFor({ bitsStored: 1, samplesPerPixel: 1 })).to.equal(undefined);
    expect(lossyTransferSyntaxFor({ bitsStored: 32, samplesPerPixel: 1 })).to.equal(undefined);
  });

  it('names the media type and the syntax in the Accept header (PS3.18 Table 8.7.3-5)', () => {
    expect(acceptFrameIn(TransferSyntax.JpegLsNearLossless)).to.equal(
      'multipart/related; type="image/jls"; transfer-syntax=1.2.840.10008.1.2.4.81',
    );
    expect(acceptFrameIn(TransferSyntax.JpegBaseline)).to.equal(
      'multipart/related; type="image/jpeg"; transfer-syntax=1.2.840.10008.1.2.4.50',
    );
  });
});
