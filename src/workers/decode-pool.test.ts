import { expect } from '@open-wc/testing';
import type { PixelModule } from '../codecs/pixel-module.js';
import {
  DecodeError,
  ImageTooLargeError,
  UnsupportedTransferSyntaxError,
} from '../dicom/errors.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import { decodeFrame } from './decode-frame.js';
import { DecodePool } from './decode-pool.js';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const JPEG_LS = '1.2.840.10008.1.2.4.80';

function module16(rows: number, columns: number): PixelModule {
  return {
    rows,
    columns,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: 12,
    highBit: 11,
    pixelRepresentation: 1,
    photometricInterpretation: 'MONOCHROME2',
    planarConfiguration: 0,
  };
}

function nativeFrame(rows: number, columns: number, value: number): Uint8Array {
  const samples = new Uint16Array(rows * columns).fill(value);
  return new Uint8Array(samples.buffer);
}

/** A module worker that never answers: a real worker that hangs. */
function silentWorker(): Worker {
  return new Worker(
    URL.createObjectURL(new Blob(['/* never answers */'], { type: 'text/javascript' })),
    { type: 'module' },
  );
}

describe('DecodePool', () => {
  let pools: DecodePool[] = [];
  const makePool = (options: ConstructorParameters<typeof DecodePool>[0]): DecodePool => {
    const pool = new DecodePool(options);
    pools.push(pool);
    return pool;
  };
  afterEach(() => {
    for (const pool of pools) pool.dispose();
    pools = [];
  });

  it('masks and sign-extends 12-bit stored values in a worker', async () => {
    const pool = makePool({ size: 1 });
    const frame = await pool.decode({
      bytes: nativeFrame(2, 3, 0xf800 | 0x0fff),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(2, 3),
    });
    expect(frame.pixels).to.be.instanceOf(Int16Array);
    expect([...frame.pixels]).to.deep.equal([-1, -1, -1, -1, -1, -1]);
  });

  it('transfers a disposable input buffer (detached after the call) and returns a fresh output buffer', async () => {
    const pool = makePool({ size: 1 });
    const bytes = nativeFrame(4, 4, 7);
    const frame = await pool.decode({
      bytes,
      disposable: true,
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(4, 4),
    });
    expect(bytes.buffer.byteLength).to.equal(0);
    expect(frame.pixels.buffer.byteLength).to.equal(32);
    expect(frame.pixels.buffer).to.not.equal(bytes.buffer);
  });

  it('never detaches bytes the caller keeps: a DICOM JSON data set decodes the same frame twice', async () => {
    const pool = makePool({ size: 1 });
    const bytes = nativeFrame(4, 4, 7);
    const request = { bytes, transferSyntaxUid: EXPLICIT_LE, module: module16(4, 4) };
    await pool.decode(request);
    expect(bytes.buffer.byteLength).to.equal(32);
    // The bug this guards: an InlineBinary frame spans its whole buffer, was transferred, and a
    // second decode of the same data set (a volume built twice, a frame evicted) found it empty.
    const json = datasetFromDicomJson({
      '00020010': { vr: 'UI', Value: [EXPLICIT_LE] },
      '00280002': { vr: 'US', Value: [1] },
      '00280004': { vr: 'CS', Value: ['MONOCHROME2'] },
      '00280010': { vr: 'US', Value: [4] },
      '00280011': { vr: 'US', Value: [4] },
      '00280100': { vr: 'US', Value: [16] },
      '00280101': { vr: 'US', Value: [16] },
      '00280102': { vr: 'US', Value: [15] },
      '00280103': { vr: 'US', Value: [1] },
      '7FE00010': { vr: 'OW', InlineBinary: btoa(String.fromCharCode(...bytes)) },
    });
    const first = await decodeFrame(json, 0, { pool });
    const second = await decodeFrame(json, 0, { pool });
    expect([...second.pixels]).to.deep.equal([...first.pixels]);
    expect(first.pixels.length).to.equal(16);
  });

  it('copies a view into a larger buffer instead of detaching the whole buffer', async () => {
    const pool = makePool({ size: 1 });
    const file = new Uint8Array(100);
    await pool.decode({
      bytes: file.subarray(10, 42),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(4, 4),
    });
    expect(file.buffer.byteLength).to.equal(100);
  });

  it('runs queued work by priority: the frame on screen jumps ahead of prefetch', async () => {
    const pool = makePool({ size: 1 });
    const order: number[] = [];
    const run = (priority: number, id: number) =>
      pool
        .decode(
          {
            bytes: nativeFrame(64, 64, id),
            transferSyntaxUid: EXPLICIT_LE,
            module: module16(64, 64),
          },
          { priority },
        )
        .then(() => order.push(id));
    const all = [run(5, 1), run(5, 2), run(9, 3), run(5, 4), run(0, 5), run(1, 6)];
    await Promise.all(all);
    // Task 1 was already running when the others queued; then priority order, FIFO within a priority.
    expect(order).to.deep.equal([1, 5, 6, 2, 4, 3]);
  });

  it('drops queued work when its signal aborts and rejects with the signal reason', async () => {
    const pool = makePool({ size: 1 });
    const controller = new AbortController();
    const first = pool.decode({
      bytes: nativeFrame(8, 8, 1),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(8, 8),
    });
    const aborted = pool.decode(
      { bytes: nativeFrame(8, 8, 2), transferSyntaxUid: EXPLICIT_LE, module: module16(8, 8) },
      { signal: controller.signal },
    );
    expect(pool.queued).to.equal(1);
    controller.abort(new DOMException('scrolled away', 'AbortError'));
    expect(pool.queued).to.equal(0);
    const error = await aborted.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as DOMException).name).to.equal('AbortError');
    expect((error as DOMException).message).to.equal('scrolled away');
    await first;
  });

  it('rejects an already aborted signal without queueing', async () => {
    const pool = makePool({ size: 1 });
    const error = await pool
      .decode(
        { bytes: nativeFrame(1, 1, 1), transferSyntaxUid: EXPLICIT_LE, module: module16(1, 1) },
        { signal: AbortSignal.abort() },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as DOMException).name).to.equal('AbortError');
    expect(pool.workerCount).to.equal(0);
  });

  it('replaces a worker that dies (error event without message) and rejects only its task', async () => {
    let made = 0;
    const pool = makePool({
      size: 1,
      // The first worker's module script does not exist: the browser fires a real `error` event.
      createWorker: () =>
        made++ === 0
          ? new Worker('/no-such-decode-worker.js', { type: 'module' })
          : new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' }),
    });
    const doomed = pool.decode({
      bytes: nativeFrame(2, 2, 1),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(2, 2),
    });
    const next = pool.decode({
      bytes: nativeFrame(2, 2, 3),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(2, 2),
    });
    const error = await doomed.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DecodeError);
    expect([...(await next).pixels]).to.deep.equal([3, 3, 3, 3]);
    expect(pool.replacedWorkers).to.equal(1);
  });

  it('terminates and replaces a worker that overruns the watchdog', async () => {
    let made = 0;
    const pool = makePool({
      size: 1,
      taskTimeoutMs: 300,
      createWorker: () =>
        made++ === 0
          ? silentWorker()
          : new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' }),
    });
    const started = performance.now();
    const error = await pool
      .decode({
        bytes: nativeFrame(2, 2, 1),
        transferSyntaxUid: EXPLICIT_LE,
        module: module16(2, 2),
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(DecodeError);
    expect((error as Error).message).to.contain('timed out');
    expect(performance.now() - started).to.be.below(2000);
    const frame = await pool.decode({
      bytes: nativeFrame(2, 2, 5),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(2, 2),
    });
    expect([...frame.pixels]).to.deep.equal([5, 5, 5, 5]);
  });

  it('rejects frames above the pixel cap with ImageTooLargeError before decoding', async () => {
    const pool = makePool({ size: 1, maxPixelsPerFrame: 1000 });
    const error = await pool
      .decode({ bytes: new Uint8Array(4), transferSyntaxUid: JPEG_LS, module: module16(100, 100) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(ImageTooLargeError);
    expect((error as ImageTooLargeError).pixels).to.equal(10000);
  });

  it('rejects video and unknown transfer syntaxes naming the UID', async () => {
    const pool = makePool({ size: 1 });
    for (const uid of [
      '1.2.840.10008.1.2.4.100',
      '1.2.840.10008.1.2.4.102',
      '1.2.840.10008.1.2.4.107',
      '1.2.3.4',
    ]) {
      const error = await pool
        .decode({ bytes: new Uint8Array(8), transferSyntaxUid: uid, module: module16(2, 2) })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).to.be.instanceOf(UnsupportedTransferSyntaxError);
      expect((error as UnsupportedTransferSyntaxError).transferSyntaxUid).to.equal(uid);
    }
  });

  it('rejects a codestream whose header disagrees with the data set', async () => {
    const pool = makePool({ size: 1 });
    // Minimal JPEG-LS SOI + SOF55 declaring 4×4 while the data set says 8×8.
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xf7, 0, 11, 12, 0, 4, 0, 4, 1, 1, 0x11, 0]);
    const error = await pool
      .decode({ bytes, transferSyntaxUid: JPEG_LS, module: module16(8, 8) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(DecodeError);
    expect((error as Error).message).to.contain('4×4');
  });

  it('prepares once, at once: every worker starts before any frame, syntaxes without a codec skipped', async () => {
    const pool = makePool({ size: 2 });
    expect(pool.workerCount).to.equal(0);
    // MPEG-2 video (no codec) would make warm() reject; a guess never fails anything.
    pool.prepare([JPEG_LS, '1.2.840.10008.1.2.4.100']);
    expect(pool.workerCount).to.equal(2);
    pool.prepare([JPEG_LS]);
    expect(pool.workerCount).to.equal(2);
    const frame = await pool.decode({
      bytes: nativeFrame(2, 2, 7),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(2, 2),
    });
    expect(Array.from(frame.pixels)).to.deep.equal([7, 7, 7, 7]);
    expect(pool.workerCount).to.equal(2);
  });

  it('rejects pending work and terminates workers on dispose', async () => {
    const pool = new DecodePool({ size: 1 });
    const a = pool.decode({
      bytes: nativeFrame(2, 2, 1),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(2, 2),
    });
    const b = pool.decode({
      bytes: nativeFrame(2, 2, 1),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(2, 2),
    });
    pool.dispose();
    const results = await Promise.allSettled([a, b]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    expect(pool.workerCount).to.equal(0);
  });

  it('releases a disposed worker from Comlink, so a call it never answered keeps nothing alive', async () => {
    // Comlink holds each proxy's worker in a FinalizationRegistry and the resolvers of calls in
    // the worker's listener: without releaseProxy() a disposed viewer stayed reachable through a
    // call its terminated worker never answered (test/e2e/memory-return.node-test.mjs). Released,
    // the proxy posts Comlink's RELEASE message: the one sign of it a page can see without a GC.
    const posted: unknown[] = [];
    const pool = new DecodePool({
      size: 1,
      createWorker: () => {
        const worker = silentWorker();
        const post = worker.postMessage.bind(worker);
        worker.postMessage = ((message: unknown, transfer: Transferable[] = []) => {
          posted.push(message);
          post(message, transfer);
        }) as Worker['postMessage'];
        return worker;
      },
    });
    const pending = pool.decode({
      bytes: nativeFrame(2, 2, 1),
      transferSyntaxUid: EXPLICIT_LE,
      module: module16(2, 2),
    });
    pool.dispose();
    await pending.catch(() => undefined);
    const types = posted.map((message) => (message as { type?: unknown }).type);
    expect(types).to.deep.equal(['APPLY', 'RELEASE']);
  });
});
