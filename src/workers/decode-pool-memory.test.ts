// Memory and lifetime of a DecodePool: many decodes reuse the same workers, the main thread
// keeps no decoded frame alive, and dispose() really terminates the workers.
// Precise numbers need Chromium flags the shared test config does not set
// (--js-flags=--expose-gc, --enable-precise-memory-info); without them the heap bound is
// checked on Chromium's coarse figures and the garbage-collection check is skipped.
import { expect } from '@open-wc/testing';
import type { PixelModule } from '../codecs/pixel-module.js';
import { readPixelModule } from '../codecs/pixel-module.js';
import { parseDicomAsync } from '../dicom/parse-dicom.js';
import { DecodeError } from '../dicom/errors.js';
import { DecodePool } from './decode-pool.js';
import { nextTask, waitFor } from '../../test/waits.js';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const ROUNDS = 200;
const SIDE = 512;
/** Retaining every decoded frame would grow the heap by this much (100 MB). */
const RETAINED_BYTES = ROUNDS * SIDE * SIDE * 2;
/**
 * After a forced collection, heap noise stays under 8 MB. Without one, uncollected garbage
 * (about 14 MB seen here) counts too, so the bound is half of what retaining every frame costs.
 */
const heapBound = (): number => (gc() ? 8 * 1024 * 1024 : RETAINED_BYTES / 2);

interface ChromiumMemory {
  readonly usedJSHeapSize: number;
}
const memory = (): ChromiumMemory | undefined =>
  (performance as Performance & { memory?: ChromiumMemory }).memory;
const gc = (): (() => void) | undefined => (globalThis as { gc?: () => void }).gc;

/** Forced collections, each followed by a task: the finalizers a collection found run in one. */
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    gc()?.();
    await nextTask();
  }
}

const module16: PixelModule = {
  rows: SIDE,
  columns: SIDE,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
};

/** A real module decode worker whose terminate() calls are counted. */
function countingWorkers(): { create: () => Worker; created: number; terminated: number } {
  const counts = {
    created: 0,
    terminated: 0,
    create: (): Worker => {
      const worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
      counts.created += 1;
      const terminate = worker.terminate.bind(worker);
      worker.terminate = () => {
        counts.terminated += 1;
        terminate();
      };
      return worker;
    },
  };
  return counts;
}

describe('DecodePool memory', () => {
  let pool: DecodePool | undefined;
  afterEach(() => {
    pool?.dispose();
    pool = undefined;
  });

  it(`decodes one frame ${ROUNDS} times on the same workers, keeping no frame alive on the main thread`, async () => {
    const workers = countingWorkers();
    const active = new DecodePool({ size: 2, createWorker: workers.create });
    pool = active;
    const source = new Uint16Array(SIDE * SIDE).map((_, i) => i & 0xffff);
    const frameBytes = new Uint8Array(source.buffer);
    const finalized = { count: 0 };
    const registry = new FinalizationRegistry<null>(() => {
      finalized.count += 1;
    });
    await collectGarbage();
    const heapBefore = memory()?.usedJSHeapSize;
    for (let round = 0; round < ROUNDS; round += 2) {
      // Two at a time so both workers are busy; each call transfers its own copy of the frame.
      const frames = await Promise.all(
        [0, 1].map(() =>
          active.decode({
            bytes: frameBytes.slice(),
            disposable: true,
            transferSyntaxUid: EXPLICIT_LE,
            module: module16,
          }),
        ),
      );
      for (const frame of frames) {
        expect(frame.pixels[SIDE + 1]).to.equal(SIDE + 1);
        registry.register(frame.pixels, null);
      }
      expect(active.workerCount).to.equal(2);
    }
    expect(workers.created).to.equal(2);
    expect(active.replacedWorkers).to.equal(0);
    expect(active.queued).to.equal(0);

    await collectGarbage();
    const heapAfter = memory()?.usedJSHeapSize;
    if (heapBefore !== undefined && heapAfter !== undefined) {
      expect(heapAfter - heapBefore, 'main-thread JS heap growth in bytes').to.be.below(
        heapBound(),
      );
    }
    if (gc()) {
      // Every decoded frame must be collectable once the caller drops it: the pool holds none.
      // Finalizers run in tasks of their own after the collection: wait for them, not a delay.
      await waitFor(() => finalized.count >= ROUNDS - 2, `${String(ROUNDS - 2)} frames collected`);
      expect(finalized.count, 'decoded frames collected').to.be.at.least(ROUNDS - 2);
    }
  });

  it(`decodes a JPEG-LS frame ${ROUNDS} times without replacing or adding workers`, async () => {
    const workers = countingWorkers();
    pool = new DecodePool({ size: 2, createWorker: workers.create });
    const dataset = await parseDicomAsync(
      await (await fetch('/test/.tmp/codecs/files/gen-u16-jpeg-ls.dcm')).arrayBuffer(),
    );
    const module = readPixelModule(dataset);
    const frame = await dataset.pixelData?.frame(0);
    if (!frame) throw new Error('fixture without pixel data');
    const first = await pool.decode({
      bytes: frame.bytes.slice(),
      transferSyntaxUid: frame.transferSyntaxUid,
      module,
    });
    for (let round = 1; round < ROUNDS; round += 1) {
      const decoded = await pool.decode({
        bytes: frame.bytes.slice(),
        transferSyntaxUid: frame.transferSyntaxUid,
        module,
      });
      expect(decoded.pixels[round % decoded.pixels.length]).to.equal(
        first.pixels[round % first.pixels.length],
      );
    }
    expect(workers.created).to.be.at.most(2);
    expect(pool.workerCount).to.equal(workers.created);
    expect(pool.replacedWorkers).to.equal(0);
  });

  it('terminates every worker on dispose and refuses later work', async () => {
    const workers = countingWorkers();
    const active = new DecodePool({ size: 3, createWorker: workers.create });
    pool = active;
    const bytes = (): Uint8Array => new Uint8Array(SIDE * SIDE * 2);
    await Promise.all(
      [0, 1, 2].map(() =>
        active.decode({ bytes: bytes(), transferSyntaxUid: EXPLICIT_LE, module: module16 }),
      ),
    );
    expect(workers.created).to.equal(3);
    pool.dispose();
    expect(workers.terminated).to.equal(3);
    expect(pool.workerCount).to.equal(0);
    const error = await pool
      .decode({ bytes: bytes(), transferSyntaxUid: EXPLICIT_LE, module: module16 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(DecodeError);
    expect(workers.created).to.equal(3);
  });
});
