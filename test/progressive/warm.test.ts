import { expect } from '@open-wc/testing';
import type { PixelModule } from '../../src/codecs/pixel-module.js';
import { UnsupportedTransferSyntaxError } from '../../src/dicom/errors.js';
import type { DecodePool } from '../../src/workers/decode-pool.js';
import { countingPool, fetchedBy, openjpegFetches } from './counting-pool.js';
import { firstDifference, fixtureBytes, fixtureUint16 } from './progressive-fixtures.js';

const J2K = '1.2.840.10008.1.2.4.90';
// The binary itself, not the test server's `?url-module` stub that exports its URL.
const SMALL: PixelModule = {
  rows: 128,
  columns: 128,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  highBit: 11,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
};

describe('DecodePool.warm', function () {
  this.timeout(30_000);
  let pool: DecodePool | undefined;
  let workers: Worker[];
  const start = (size: number): DecodePool => {
    const counting = countingPool(size);
    workers = counting.workers;
    return counting.pool;
  };
  afterEach(() => {
    pool?.dispose();
    pool = undefined;
  });

  it('without warm(), the first JPEG 2000 decode is the one that fetches OpenJPEG (control)', async () => {
    pool = start(1);
    const frame = await pool.decode({
      bytes: await fixtureBytes('small.j2k'),
      transferSyntaxUid: J2K,
      module: SMALL,
    });
    expect(firstDifference(frame, await fixtureUint16('small.raw'))).to.equal(undefined);
    const [worker] = workers;
    if (!worker) throw new Error('no worker');
    expect(openjpegFetches(await fetchedBy(worker))).to.equal(1);
  });

  it('starts every worker and compiles the codec ahead, so the first decode fetches nothing', async () => {
    pool = start(2);
    await pool.warm([J2K, '1.2.840.10008.1.2.4.90\0']);
    expect(pool.workerCount).to.equal(2);
    const before = await Promise.all(workers.map(fetchedBy));
    expect(before.map(openjpegFetches)).to.deep.equal([1, 1]);
    const frame = await pool.decode({
      bytes: await fixtureBytes('small.j2k'),
      transferSyntaxUid: J2K,
      module: SMALL,
    });
    expect(firstDifference(frame, await fixtureUint16('small.raw'))).to.equal(undefined);
    const after = await Promise.all(workers.map(fetchedBy));
    expect(after.map((urls, i) => urls.length - (before[i]?.length ?? 0))).to.deep.equal([0, 0]);
    expect(pool.workerCount).to.equal(2);
  });

  it('rejects video and unknown transfer syntaxes without starting workers', async () => {
    pool = start(2);
    const error = await pool.warm(['1.2.840.10008.1.2.4.100']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(UnsupportedTransferSyntaxError);
    expect(pool.workerCount).to.equal(0);
  });

  it('settles when the pool is disposed while warming', async () => {
    pool = start(2);
    const warming = pool.warm([J2K, '1.2.840.10008.1.2.4.201']);
    pool.dispose();
    await warming;
    expect(pool.workerCount).to.equal(0);
  });
});
