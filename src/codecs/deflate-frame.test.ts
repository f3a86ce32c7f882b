// Deflated Image Frame Compression (1.2.840.10008.1.2.8.1) with bad frames: only typed errors,
// and never more memory than the frame needs (a few bytes of deflate can inflate to gigabytes).
// Good frames are proven on real files in test/realworld.
import { expect } from '@open-wc/testing';
import { DecodeError } from '../dicom/errors.js';
import { deflateFrameCodec } from './deflate-frame.js';
import type { PixelModule } from './pixel-module.js';

const module: PixelModule = {
  rows: 4,
  columns: 4,
  samplesPerPixel: 1,
  bitsAllocated: 8,
  bitsStored: 8,
  highBit: 7,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
};

async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function rejection(bytes: Uint8Array): Promise<unknown> {
  return Promise.resolve(deflateFrameCodec.decode(bytes, module)).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('Deflated Image Frame Compression', () => {
  it('inflates a frame to its native samples', async () => {
    const pixels = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
    const output = await deflateFrameCodec.decode(await deflate(pixels), module);
    expect(Array.from(output.samples)).to.deep.equal(Array.from(pixels));
  });

  it('rejects a frame that inflates past its size with DecodeError', async () => {
    const bomb = await deflate(new Uint8Array(1 << 20));
    expect(bomb.length).to.be.below(2048);
    expect(await rejection(bomb)).to.be.instanceOf(DecodeError);
  });

  it('rejects a short frame and bytes that are not deflate with DecodeError', async () => {
    expect(await rejection(await deflate(new Uint8Array(10)))).to.be.instanceOf(DecodeError);
    expect(await rejection(Uint8Array.from([0xff, 0xff, 0xff, 0xff]))).to.be.instanceOf(
      DecodeError,
    );
  });
});
