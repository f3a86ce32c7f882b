// Issue 14: what Courbaril cannot decode gives a typed error that names the feature, never a
// wrong image. Each case starts from a real file (test/realworld/files, and pydicom's
// MR_truncated.dcm copied at fixture time) and, where no public file has the feature, changes
// one attribute of it as the decoder sees it.
import { expect } from '@open-wc/testing';
import { BitsAllocated, PhotometricInterpretation } from '../../src/dicom/pixel-tags.generated.js';
import {
  CourbarilError,
  DicomParseError,
  decodeFrame,
  DecodePool,
  parseDicomAsync,
  UnsupportedTransferSyntaxError,
  type DicomDataset,
  type PixelDataSource,
} from '../../src/index.js';

interface Changes {
  readonly transferSyntaxUid?: string;
  readonly numbers?: ReadonlyMap<number, number>;
  readonly strings?: ReadonlyMap<number, string>;
}

/** The data set as the decoder would see it with `changes` applied (the file is left as it is). */
function changed(dataset: DicomDataset, changes: Changes): DicomDataset {
  const source = dataset.pixelData;
  if (!source) throw new Error('no pixel data');
  const { transferSyntaxUid } = changes;
  const pixelData: PixelDataSource = {
    frameCount: source.frameCount,
    frame: async (index, options) => {
      const frame = await source.frame(index, options);
      return transferSyntaxUid === undefined ? frame : { ...frame, transferSyntaxUid };
    },
  };
  return new Proxy(dataset, {
    get(target, property) {
      if (property === 'pixelData') return pixelData;
      if (property === 'transferSyntaxUid' && transferSyntaxUid !== undefined)
        return transferSyntaxUid;
      if (property === 'number')
        return (tag: number) => changes.numbers?.get(tag) ?? target.number(tag);
      if (property === 'string')
        return (tag: number) => changes.strings?.get(tag) ?? target.string(tag);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

async function load(url: string): Promise<DicomDataset> {
  return parseDicomAsync(await (await fetch(url)).arrayBuffer());
}

describe('unsupported features of real files', () => {
  let pool: DecodePool;
  before(() => {
    pool = new DecodePool({ size: 1 });
  });
  after(() => {
    pool.dispose();
  });

  async function failure(dataset: DicomDataset): Promise<unknown> {
    return decodeFrame(dataset, 0, { pool }).then(
      (frame) => new Error(`decoded a ${frame.columns}×${frame.rows} frame`),
      (reason: unknown) => reason,
    );
  }

  it('a file cut inside its native pixel data (pydicom MR_truncated.dcm): DicomParseError naming the element', async () => {
    // 8130 of the 8192 bytes its Pixel Data declares: pydicom refuses it too; no image is made.
    const bytes = await (await fetch('/test/.tmp/realworld/files/MR_truncated.dcm')).arrayBuffer();
    const error = await parseDicomAsync(bytes).then(
      () => new Error('parsed'),
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(DicomParseError);
    expect((error as Error).message).to.match(
      /Value length 8192 of \(7FE0,0010\) runs past the end/,
    );
  });

  it('a video transfer syntax (MPEG-4 AVC/H.264): UnsupportedTransferSyntaxError naming the UID', async () => {
    const uid = '1.2.840.10008.1.2.4.102';
    const dataset = changed(await load('/test/realworld/files/emri_small_jpeg_2k_lossless.dcm'), {
      transferSyntaxUid: uid,
    });
    const error = await failure(dataset);
    expect(error).to.be.instanceOf(UnsupportedTransferSyntaxError);
    expect((error as UnsupportedTransferSyntaxError).transferSyntaxUid).to.equal(uid);
    expect((error as Error).message).to.include(uid);
  });

  it('a colour Photometric Interpretation with no conversion (retired CMYK): DecodeError naming it', async () => {
    const dataset = changed(await load('/test/realworld/files/SC_rgb_16bit.dcm'), {
      strings: new Map([[PhotometricInterpretation, 'CMYK']]),
    });
    const error = await failure(dataset);
    expect(error).to.be.instanceOf(CourbarilError);
    expect((error as Error).message).to.match(/Photometric Interpretation CMYK/);
  });

  it('native Bits Allocated 24 (parametric map): DecodeError naming Bits Allocated', async () => {
    const dataset = changed(await load('/test/realworld/files/parametric_map_float.dcm'), {
      numbers: new Map([[BitsAllocated, 24]]),
    });
    const error = await failure(dataset);
    expect(error).to.be.instanceOf(CourbarilError);
    expect((error as Error).message).to.match(/Bits Allocated 24/);
  });

  it('RLE Lossless with Bits Allocated 12 (one-bit segmentation): DecodeError naming Bits Allocated', async () => {
    const dataset = changed(await load('/test/realworld/files/liver_rle.dcm'), {
      numbers: new Map([[BitsAllocated, 12]]),
    });
    const error = await failure(dataset);
    expect(error).to.be.instanceOf(CourbarilError);
    expect((error as Error).message).to.match(/Bits Allocated 12/);
  });
});
