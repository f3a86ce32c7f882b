import { expect } from '@open-wc/testing';
import type { PixelModule } from '../codecs/pixel-module.js';
import { DecodePool } from './decode-pool.js';
import { STANDALONE_WORKER_PATH } from './start-decode-worker.js';
import { configureWorkers } from './worker-options.js';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const module8: PixelModule = {
  rows: 2,
  columns: 2,
  samplesPerPixel: 1,
  bitsAllocated: 8,
  bitsStored: 8,
  highBit: 7,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
};

describe('configureWorkers', () => {
  let pool: DecodePool | undefined;

  afterEach(() => {
    pool?.dispose();
    pool = undefined;
    configureWorkers({});
  });

  it('hands the host hook the worker URL under assetBase, and decodes in the worker it returns', async () => {
    const seen: string[] = [];
    configureWorkers({
      assetBase: 'https://cdn.example/courbaril/1.0/',
      createWorker: (url) => {
        seen.push(url.href);
        // The host starts the worker its own way; here, the decode worker of this build.
        return new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
      },
    });
    pool = new DecodePool({ size: 1 });
    const frame = await pool.decode({
      bytes: new Uint8Array([1, 2, 3, 4]),
      transferSyntaxUid: EXPLICIT_LE,
      module: module8,
    });
    expect(Array.from(frame.pixels)).to.deep.equal([1, 2, 3, 4]);
    expect(seen).to.deep.equal([`https://cdn.example/courbaril/1.0/${STANDALONE_WORKER_PATH}`]);
  });

  it('resolves a relative assetBase against the page', () => {
    const seen: string[] = [];
    configureWorkers({
      assetBase: '/static/courbaril/',
      createWorker: (url) => {
        seen.push(url.href);
        return new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
      },
    });
    pool = new DecodePool({ size: 1 });
    void pool.warm([]);
    expect(seen).to.deep.equal([`${location.origin}/static/courbaril/assets/decode-worker.js`]);
  });

  it('without options, starts the worker this build bundled', async () => {
    pool = new DecodePool({ size: 1 });
    await pool.warm([EXPLICIT_LE]);
    expect(pool.workerCount).to.equal(1);
  });
});
