import { expect } from '@open-wc/testing';
import { UnsupportedTransferSyntaxError } from '../dicom/errors.js';
import { TRANSFER_SYNTAXES, type TransferSyntaxInfo } from '../dicom/transfer-syntax.js';
import { CODEC_LOADERS, codecFor } from './registry.js';

const entries: readonly TransferSyntaxInfo[] = Object.values(TRANSFER_SYNTAXES);

describe('codec registry', () => {
  it('loads a codec for every transfer syntax the registry says is decodable', async () => {
    for (const { uid, codec } of entries) {
      if (codec === undefined) continue;
      const loaded = await codecFor(uid);
      expect(loaded.name, uid).to.be.a('string').and.not.equal('');
    }
  });

  it('registers only codec families some transfer syntax uses', () => {
    const used = new Set(entries.map((e) => e.codec));
    for (const family of Object.keys(CODEC_LOADERS))
      expect(used.has(family as never), family).to.equal(true);
  });

  it('decodes a reduced resolution for every progressive syntax, and only for those', async () => {
    for (const { uid, codec, progressive } of entries) {
      if (codec === undefined) continue;
      const loaded = await codecFor(uid);
      expect(loaded.decodeReduced !== undefined, uid).to.equal(progressive);
    }
  });

  it('swaps bytes only for explicit VR big endian', async () => {
    expect((await codecFor('1.2.840.10008.1.2.2')).name).to.equal('Native big endian');
    expect((await codecFor('1.2.840.10008.1.2.1.99')).name).to.equal('Native');
  });

  it('refuses syntaxes it knows but cannot decode, and unknown ones, with a typed error', async () => {
    for (const uid of ['1.2.840.10008.1.2.4.92', '1.2.840.10008.1.2.4.100', '1.9.9']) {
      const error: unknown = await codecFor(uid).catch((e: unknown) => e);
      expect(error, uid).to.be.instanceOf(UnsupportedTransferSyntaxError);
    }
  });
});
