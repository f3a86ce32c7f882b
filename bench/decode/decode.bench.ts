// Browser half of bench/decode/run.mjs (run through web-test-runner so the worker is compiled
// the same way as in tests). Prints one `BENCH {json}` line per measurement.
import { DecodePool } from '../../src/workers/decode-pool.js';
import type { PixelModule } from '../../src/codecs/pixel-module.js';

interface Case {
  name: string;
  codec: string;
  transferSyntaxUid: string;
  file: string;
  rows: number;
  columns: number;
  repeats: number;
}
const BASE = '/bench/.tmp/decode/';
const cases = (await (await fetch(`${BASE}cases.json`)).json()) as {
  cases: Case[];
  seriesCase: string;
  seriesFrames: number;
};

const moduleOf = (c: Case): PixelModule => ({
  rows: c.rows,
  columns: c.columns,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  highBit: 11,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
});

describe('decode benchmark', () => {
  for (const c of cases.cases) {
    it(`times ${c.name}`, async function () {
      this.timeout(300_000);
      const bytes = new Uint8Array(await (await fetch(BASE + c.file)).arrayBuffer());
      const pool = new DecodePool({ size: 1, taskTimeoutMs: 120_000 });
      try {
        await pool.decode({
          bytes: bytes.slice(),
          transferSyntaxUid: c.transferSyntaxUid,
          module: moduleOf(c),
        }); // warm-up: compile WASM
        const times: number[] = [];
        for (let i = 0; i < c.repeats; i += 1) {
          const { decodeMs } = await pool.decodeTimed({
            bytes: bytes.slice(),
            transferSyntaxUid: c.transferSyntaxUid,
            module: moduleOf(c),
          });
          times.push(decodeMs);
        }
        times.sort((a, b) => a - b);
        console.log(
          `BENCH ${JSON.stringify({ kind: 'frame', name: c.name, ms: times[Math.floor(times.length / 2)] })}`,
        );
      } finally {
        pool.dispose();
      }
    });
  }

  it('measures series throughput with 1…N workers', async function () {
    this.timeout(600_000);
    const c = cases.cases.find((candidate) => candidate.name === cases.seriesCase);
    if (!c) throw new Error('no series case');
    const bytes = new Uint8Array(await (await fetch(BASE + c.file)).arrayBuffer());
    const max = Math.max(1, navigator.hardwareConcurrency || 1);
    for (let workers = 1; workers <= max; workers += 1) {
      const pool = new DecodePool({ size: workers, taskTimeoutMs: 120_000 });
      try {
        await Promise.all(
          Array.from({ length: workers }, () =>
            pool.decode({
              bytes: bytes.slice(),
              transferSyntaxUid: c.transferSyntaxUid,
              module: moduleOf(c),
            }),
          ),
        );
        const start = performance.now();
        await Promise.all(
          Array.from({ length: cases.seriesFrames }, (_, i) =>
            pool.decode(
              { bytes: bytes.slice(), transferSyntaxUid: c.transferSyntaxUid, module: moduleOf(c) },
              { priority: i },
            ),
          ),
        );
        const seconds = (performance.now() - start) / 1000;
        console.log(
          `BENCH ${JSON.stringify({ kind: 'series', name: c.name, workers, fps: cases.seriesFrames / seconds })}`,
        );
      } finally {
        pool.dispose();
      }
    }
  });
});
