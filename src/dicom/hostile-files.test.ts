// Hostile files (issue 13, item 6): lying frame counts and sizes fail fast with a typed error
// before anything is sized from them; a deflate bomb stops at the inflate cap after reading a
// small part of its compressed bytes.
import { expect } from '@open-wc/testing';
import { DicomParseError } from './errors.js';
import { deflateBomb, encapsulatedPixelData, nativeImage, part10 } from './hostile-fixtures.js';
import { parseDicom, parseDicomAsync } from './parse-dicom.js';

const EXPLICIT = '1.2.840.10008.1.2.1';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const JPEG_LS = '1.2.840.10008.1.2.4.80';

function parseError(bytes: Uint8Array): unknown {
  try {
    parseDicom(bytes);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('hostile files', () => {
  it('refuses a small native file declaring 5,000,000 frames with DicomParseError', () => {
    const error = parseError(part10(EXPLICIT, nativeImage(5_000_000, 64, 64, 8192)));
    expect(error).to.be.instanceOf(DicomParseError);
    expect((error as Error).message).to.match(/5000000 frame\(s\) of 64 × 64 pixels cannot fit/);
  });

  it('refuses a small native file declaring 65535 × 65535 pixels with DicomParseError', () => {
    const error = parseError(part10(EXPLICIT, nativeImage(1, 65535, 65535, 8192)));
    expect(error).to.be.instanceOf(DicomParseError);
  });

  it('still reads a native file whose frames fit its payload', () => {
    const dataset = parseDicom(part10(EXPLICIT, nativeImage(3, 64, 64, 3 * 64 * 64 * 2)));
    expect(dataset.pixelData?.frameCount).to.equal(3);
  });

  it('refuses encapsulated pixel data declaring more frames than it has fragments', () => {
    const body = new Uint8Array([
      ...nativeImage(5_000_000, 64, 64, 0).subarray(0, -12),
      ...encapsulatedPixelData([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])]),
    ]);
    const error = parseError(part10(JPEG_LS, body));
    expect(error).to.be.instanceOf(DicomParseError);
    expect((error as Error).message).to.match(/exceeds the 1 fragments/);
  });

  it('stops a deflate bomb at the cap after feeding a small share of its compressed bytes', async function () {
    this.timeout(30000);
    // ~6.6 MB that inflate to 1 GiB: one write of the whole buffer grew memory by all of it.
    const bomb = deflateBomb(1024 ** 3);
    let error: unknown;
    try {
      await parseDicomAsync(part10(DEFLATED, bomb), { maxInflatedBytes: 64 * 1024 * 1024 });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(DicomParseError);
    const match = /stopped after (\d+) of (\d+) compressed bytes/.exec((error as Error).message);
    expect(match, (error as Error).message).to.not.equal(null);
    const [, fed = '0', total = '0'] = match ?? [];
    expect(Number(total)).to.equal(bomb.length);
    // 64 MiB at this bomb's ~159:1 comes from ~420 KB of input, a sixteenth of it.
    expect(Number(fed)).to.be.below(Number(total) / 10);
  });

  it('inflates a small deflated data set under the cap', async () => {
    // A well-formed deflate of an explicit VR data set holding one short element.
    const raw = new Uint8Array([0x10, 0x00, 0x20, 0x00, 0x4c, 0x4f, 0x02, 0x00, 0x41, 0x42]);
    const compressed = new Uint8Array(
      await new Response(
        new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate-raw')),
      ).arrayBuffer(),
    );
    const dataset = await parseDicomAsync(part10(DEFLATED, compressed));
    expect(dataset.string(0x00100020)).to.equal('AB');
  });
});
