import { expect } from '@open-wc/testing';
import { UnsupportedTransferSyntaxError } from './errors.js';
import {
  TRANSFER_SYNTAXES,
  TransferSyntax,
  assertTransferSyntaxSupported,
  defaultTransferSyntaxOf,
  encodingOf,
  isDeflatedDataset,
  isProgressiveTransferSyntax,
  isTransferSyntaxSupported,
  transferSyntaxInfo,
  type TransferSyntaxInfo,
} from './transfer-syntax.js';

/**
 * Written from the standard, not from the registry: UID and name from PS3.6 Annex A (Table A-1);
 * byte order and VR from PS3.5 §10 and Annex A (A.1 implicit LE, A.2 explicit LE, A.3 explicit
 * BE, A.4 encapsulated = explicit LE, A.5 deflated); "Lossless Only" / near-lossless / lossy from
 * the syntax's own definition (PS3.5 A.4.1–A.4.13).
 */
const STANDARD: readonly (readonly [
  uid: string,
  name: string,
  vr: 'implicit' | 'explicit',
  order: 'LE' | 'BE',
  pixels: 'native' | 'encapsulated' | 'deflated',
  loss: 'lossless' | 'lossy',
])[] = [
  ['1.2.840.10008.1.2', 'Implicit VR Little Endian', 'implicit', 'LE', 'native', 'lossless'],
  ['1.2.840.10008.1.2.1', 'Explicit VR Little Endian', 'explicit', 'LE', 'native', 'lossless'],
  [
    '1.2.840.10008.1.2.1.99',
    'Deflated Explicit VR Little Endian',
    'explicit',
    'LE',
    'deflated',
    'lossless',
  ],
  ['1.2.840.10008.1.2.2', 'Explicit VR Big Endian', 'explicit', 'BE', 'native', 'lossless'],
  ['1.2.840.10008.1.2.5', 'RLE Lossless', 'explicit', 'LE', 'encapsulated', 'lossless'],
  [
    '1.2.840.10008.1.2.8.1',
    'Deflated Image Frame Compression',
    'explicit',
    'LE',
    'encapsulated',
    'lossless',
  ],
  [
    '1.2.840.10008.1.2.4.50',
    'JPEG Baseline (Process 1)',
    'explicit',
    'LE',
    'encapsulated',
    'lossy',
  ],
  [
    '1.2.840.10008.1.2.4.51',
    'JPEG Extended (Process 2 & 4)',
    'explicit',
    'LE',
    'encapsulated',
    'lossy',
  ],
  [
    '1.2.840.10008.1.2.4.57',
    'JPEG Lossless, Non-Hierarchical (Process 14)',
    'explicit',
    'LE',
    'encapsulated',
    'lossless',
  ],
  [
    '1.2.840.10008.1.2.4.70',
    'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
    'explicit',
    'LE',
    'encapsulated',
    'lossless',
  ],
  [
    '1.2.840.10008.1.2.4.80',
    'JPEG-LS Lossless Image Compression',
    'explicit',
    'LE',
    'encapsulated',
    'lossless',
  ],
  [
    '1.2.840.10008.1.2.4.81',
    'JPEG-LS Lossy (Near-Lossless) Image Compression',
    'explicit',
    'LE',
    'encapsulated',
    'lossy',
  ],
  [
    '1.2.840.10008.1.2.4.90',
    'JPEG 2000 Image Compression (Lossless Only)',
    'explicit',
    'LE',
    'encapsulated',
    'lossless',
  ],
  [
    '1.2.840.10008.1.2.4.91',
    'JPEG 2000 Image Compression',
    'explicit',
    'LE',
    'encapsulated',
    'lossy',
  ],
  [
    '1.2.840.10008.1.2.4.92',
    'JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)',
    'explicit',
    'LE',
    'encapsulated',
    'lossless',
  ],
  [
    '1.2.840.10008.1.2.4.93',
    'JPEG 2000 Part 2 Multi-component Image Compression',
    'explicit',
    'LE',
    'encapsulated',
    'lossy',
  ],
  [
    '1.2.840.10008.1.2.4.201',
    'High-Throughput JPEG 2000 Image Compression (Lossless Only)',
    'explicit',
    'LE',
    'encapsulated',
    'lossless',
  ],
  [
    '1.2.840.10008.1.2.4.202',
    'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)',
    'explicit',
    'LE',
    'encapsulated',
    'lossless',
  ],
  [
    '1.2.840.10008.1.2.4.203',
    'High-Throughput JPEG 2000 Image Compression',
    'explicit',
    'LE',
    'encapsulated',
    'lossy',
  ],
];

/** PS3.18 Table 8.7.3-5: the default ("D") syntax of each image media type; octet-stream from 8.7.3.3.1. */
const MEDIA_TYPE_DEFAULTS: Readonly<Record<string, string>> = {
  'application/octet-stream': '1.2.840.10008.1.2.1',
  'image/jpeg': '1.2.840.10008.1.2.4.70',
  'image/dicom-rle': '1.2.840.10008.1.2.5',
  'image/jls': '1.2.840.10008.1.2.4.80',
  'image/jp2': '1.2.840.10008.1.2.4.90',
  'image/jpx': '1.2.840.10008.1.2.4.92',
  'image/jphc': '1.2.840.10008.1.2.4.201',
};

const entries: readonly TransferSyntaxInfo[] = Object.values(TRANSFER_SYNTAXES);

describe('transfer syntax registry', () => {
  it('holds exactly the syntaxes of the standard table, with their PS3.6 UIDs and names', () => {
    expect(entries.map((e) => e.uid).sort()).to.deep.equal(STANDARD.map(([uid]) => uid).sort());
    for (const [uid, name] of STANDARD) expect(transferSyntaxInfo(uid)?.name, uid).to.equal(name);
  });

  it('gives each syntax its PS3.5 byte order, VR encoding, pixel encoding and losslessness', () => {
    for (const [uid, , vr, order, pixels, loss] of STANDARD) {
      const info = transferSyntaxInfo(uid);
      expect(info?.explicitVr, `${uid} explicit VR`).to.equal(vr === 'explicit');
      expect(info?.littleEndian, `${uid} little endian`).to.equal(order === 'LE');
      expect(info?.encapsulated, `${uid} encapsulated`).to.equal(pixels === 'encapsulated');
      expect(info?.deflated, `${uid} deflated`).to.equal(pixels === 'deflated');
      expect(info?.lossy, `${uid} lossy`).to.equal(loss === 'lossy');
    }
  });

  it('names one default syntax per WADO-RS media type, as PS3.18 Table 8.7.3-5 does', () => {
    const defaults = entries.filter((e) => e.defaultForMediaType);
    expect(Object.fromEntries(defaults.map((e) => [e.mediaType, e.uid]))).to.deep.equal(
      MEDIA_TYPE_DEFAULTS,
    );
    expect(defaults).to.have.length(Object.keys(MEDIA_TYPE_DEFAULTS).length);
    for (const [mediaType, uid] of Object.entries(MEDIA_TYPE_DEFAULTS))
      expect(defaultTransferSyntaxOf(mediaType)?.uid).to.equal(uid);
  });

  it('serves JPEG as image/jpeg, JPEG-LS as image/jls, JPEG 2000 as image/jp2 or jpx, HTJ2K as image/jphc', () => {
    const byCodestream: Record<string, string> = {
      '4.5': 'image/jpeg',
      '4.7': 'image/jpeg',
      '4.8': 'image/jls',
      '4.9': 'image/jp2',
      '4.20': 'image/jphc',
    };
    for (const { uid, mediaType } of entries) {
      const prefix = Object.keys(byCodestream).find((p) =>
        uid.startsWith(`1.2.840.10008.1.2.${p}`),
      );
      if (uid === TransferSyntax.Jpeg2000Part2Lossless || uid === TransferSyntax.Jpeg2000Part2)
        expect(mediaType).to.equal('image/jpx');
      else if (prefix) expect(mediaType, uid).to.equal(byCodestream[prefix]);
    }
  });

  it('marks the JPEG 2000 and HTJ2K syntaxes it decodes as progressive, and no other', () => {
    const progressive = entries.filter((e) => isProgressiveTransferSyntax(e.uid)).map((e) => e.uid);
    expect(progressive.sort()).to.deep.equal(
      [
        '1.2.840.10008.1.2.4.90',
        '1.2.840.10008.1.2.4.91',
        '1.2.840.10008.1.2.4.201',
        '1.2.840.10008.1.2.4.202',
        '1.2.840.10008.1.2.4.203',
      ].sort(),
    );
  });

  it('exposes every UID under its name in the public TransferSyntax object', () => {
    for (const [id, info] of Object.entries(TRANSFER_SYNTAXES))
      expect(TransferSyntax[id as keyof typeof TransferSyntax]).to.equal(info.uid);
    expect(TransferSyntax.JpegLsLossless).to.equal('1.2.840.10008.1.2.4.80');
  });

  it('reads unknown and private UIDs as explicit VR little endian (PS3.5 §10) but refuses to decode them', () => {
    expect(encodingOf('1.2.840.10008.1.2')).to.deep.equal({
      explicitVr: false,
      littleEndian: true,
    });
    expect(encodingOf('1.2.840.10008.1.2.2')).to.deep.equal({
      explicitVr: true,
      littleEndian: false,
    });
    expect(encodingOf('1.3.6.1.4.1.99999.1')).to.deep.equal({
      explicitVr: true,
      littleEndian: true,
    });
    expect(isDeflatedDataset('1.2.840.10008.1.2.1.99')).to.equal(true);
    expect(isDeflatedDataset('1.2.840.10008.1.2.8.1')).to.equal(false);
    expect(isTransferSyntaxSupported('1.3.6.1.4.1.99999.1')).to.equal(false);
    expect(() => {
      assertTransferSyntaxSupported('1.2.840.10008.1.2.4.102');
    }).to.throw(UnsupportedTransferSyntaxError);
    expect(isTransferSyntaxSupported('1.2.840.10008.1.2.4.92')).to.equal(false);
  });

  it('ignores the trailing NUL or space padding of a UID value (PS3.5 9.1)', () => {
    expect(isTransferSyntaxSupported('1.2.840.10008.1.2.4.80\0')).to.equal(true);
    expect(transferSyntaxInfo('1.2.840.10008.1.2.5 ')?.name).to.equal('RLE Lossless');
  });
});
