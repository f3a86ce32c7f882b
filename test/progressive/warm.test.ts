import { expect } from '@open-wc/testing';
import type { PixelModule } from '../../src/codecs/pixel-module.js';
import { UnsupportedTransferSyntaxError } from '../../src/dicom/errors.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { firstDifference, fixtureBytes, fixtureUint16 } from './progressive-fixtures.js';

const J2K = '1.2.840.10008.1.2.4.90';
// The binary itself, not the test server's `?url-module` stub that exports its URL.
const OPENJPEG_WASM = /openjpegwasm_decode\.wasm$/;

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

/** URLs a worker fetched so far (see resource-counting-worker.ts). */
function fetchedBy(worker: Worker): Promise<string[]> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent<unknown>): void => {
      const data = event.data;
      if (typeof data === 'object' && data !== null && 'cbResourceEntries' in data) {
        worker.removeEventListener('message', onMessage);
        resolve((data as { cbResourceEntries: string[] }).cbResourceEntries);
      }
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage({ cbResourceQuery: true });
  });
}

const wasmFetches = (urls: readonly string[]): number =>
  urls.filter((url) => OPENJPEG_WASM.test(url)).length;

describe('DecodePool.warm', function () {
  this.timeout(30_000);
  let pool: DecodePool | undefined;
  let workers: Worker[];
  const countingPool = (size: number): DecodePool => {
    workers = [];
    return new DecodePool({
      size,
      createWorker: () => {
        const worker = new Worker(new URL('./resource-counting-worker.ts', import.meta.url), {
          type: 'module',
        });
        workers.push(worker);
        return worker;
      },
    });
  };
  afterEach(() => {
    pool?.dispose();
    pool = undefined;
  });

  it('without warm(), the first JPEG 2000 decode is the one that fetches OpenJPEG (control)', async () => {
    pool = countingPool(1);
    const frame = await pool.decode({
      bytes: await fixtureBytes('small.j2k'),
      transferSyntaxUid: J2K,
      module: SMALL,
    });
    expect(firstDifference(frame, await fixtureUint16('small.raw'))).to.equal(undefined);
    const [worker] = workers;
    if (!worker) throw new Error('no worker');
    expect(wasmFetches(await fetchedBy(worker))).to.equal(1);
  });

  it('starts every worker and compiles the codec ahead, so the first decode fetches nothing', async () => {
    pool = countingPool(2);
    await pool.warm([J2K, '1.2.840.10008.1.2.4.90\0']);
    expect(pool.workerCount).to.equal(2);
    const before = await Promise.all(workers.map(fetchedBy));
    expect(before.map(wasmFetches)).to.deep.equal([1, 1]);
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
    pool = countingPool(2);
    const error = await pool.warm(['1.2.840.10008.1.2.4.100']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(UnsupportedTransferSyntaxError);
    expect(pool.workerCount).to.equal(0);
  });

  it('settles when the pool is disposed while warming', async () => {
    pool = countingPool(2);
    const warming = pool.warm([J2K, '1.2.840.10008.1.2.4.201']);
    pool.dispose();
    await warming;
    expect(pool.workerCount).to.equal(0);
  });
});
