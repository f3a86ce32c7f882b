import { expect } from '@open-wc/testing';
import { declaredTransferSyntax, sniffTransferSyntax } from './transfer-syntax-negotiation.js';

/** SOI then a frame marker segment (ITU-T T.81 B.1.1.3): enough for the sniffing to read. */
function jpegWith(sof: number): Uint8Array {
  return new Uint8Array([0xff, 0xd8, 0xff, sof, 0x00, 0x0b, 8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
}

describe('WADO-RS transfer syntax negotiation', () => {
  it('takes the transfer-syntax parameter, else the media type default of PS3.18 Table 8.7.3-5', () => {
    expect(declaredTransferSyntax('image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.51')).to.equal(
      '1.2.840.10008.1.2.4.51',
    );
    expect(declaredTransferSyntax('image/jpeg')).to.equal('1.2.840.10008.1.2.4.70');
    expect(declaredTransferSyntax('image/jls')).to.equal('1.2.840.10008.1.2.4.80');
    expect(declaredTransferSyntax('image/x-jls')).to.equal('1.2.840.10008.1.2.4.80');
    expect(declaredTransferSyntax('image/jp2')).to.equal('1.2.840.10008.1.2.4.90');
    expect(declaredTransferSyntax('image/jpx')).to.equal('1.2.840.10008.1.2.4.92');
    expect(declaredTransferSyntax('image/jphc')).to.equal('1.2.840.10008.1.2.4.201');
    expect(declaredTransferSyntax('image/x-dicom-rle')).to.equal('1.2.840.10008.1.2.5');
    expect(declaredTransferSyntax('application/octet-stream')).to.equal('1.2.840.10008.1.2.1');
    expect(declaredTransferSyntax('image/png')).to.equal(undefined);
  });

  it('reads an image/jpeg part by its frame marker when the default does not match it', () => {
    const declared = declaredTransferSyntax('image/jpeg');
    expect(sniffTransferSyntax(jpegWith(0xc0), declared).transferSyntaxUid).to.equal(
      '1.2.840.10008.1.2.4.50',
    );
    expect(sniffTransferSyntax(jpegWith(0xc1), declared).transferSyntaxUid).to.equal(
      '1.2.840.10008.1.2.4.51',
    );
    expect(sniffTransferSyntax(jpegWith(0xc3), declared).transferSyntaxUid).to.equal(
      '1.2.840.10008.1.2.4.70',
    );
  });

  it('keeps a declared JPEG syntax whose process writes that frame marker', () => {
    // An 8-bit extended (process 2) stream may use the baseline marker SOF0.
    expect(
      sniffTransferSyntax(jpegWith(0xc0), '1.2.840.10008.1.2.4.51').transferSyntaxUid,
    ).to.equal('1.2.840.10008.1.2.4.51');
    expect(
      sniffTransferSyntax(jpegWith(0xc3), '1.2.840.10008.1.2.4.57').transferSyntaxUid,
    ).to.equal('1.2.840.10008.1.2.4.57');
    expect(
      sniffTransferSyntax(jpegWith(0xf7), '1.2.840.10008.1.2.4.81').transferSyntaxUid,
    ).to.equal('1.2.840.10008.1.2.4.81');
  });

  it('corrects a JPEG-LS or JPEG 2000 codestream labelled uncompressed', () => {
    expect(sniffTransferSyntax(jpegWith(0xf7), undefined).transferSyntaxUid).to.equal(
      '1.2.840.10008.1.2.4.80',
    );
    const j2k = new Uint8Array([0xff, 0x4f, 0xff, 0x51, 0x00, 0x02, 0xff, 0x90]);
    expect(sniffTransferSyntax(j2k, '1.2.840.10008.1.2.1').transferSyntaxUid).to.equal(
      '1.2.840.10008.1.2.4.90',
    );
    expect(sniffTransferSyntax(j2k, '1.2.840.10008.1.2.4.91').transferSyntaxUid).to.equal(
      '1.2.840.10008.1.2.4.91',
    );
  });

  it('trusts uncompressed bytes of exactly the native frame size even when they look like a marker', () => {
    const bytes = jpegWith(0xf7);
    expect(
      sniffTransferSyntax(bytes, '1.2.840.10008.1.2.1', bytes.length).transferSyntaxUid,
    ).to.equal('1.2.840.10008.1.2.1');
  });
});
