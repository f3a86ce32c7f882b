// `node bench/decode/run.mjs`: WASM decode time per codec in headless Chromium against the same
// libraries' native builds on this machine, measured in the same run, plus series throughput.
// Native timing: CharLS through bench/decode/charls-bench.cpp (in-process, median of N);
// OpenJPH through `ojph_expand`, which reports its own in-process decode time; OpenJPEG through
// `opj_decompress` (process time, median of N, minus the median time of the same command on an
// 8×8 image, which removes process start-up and library initialisation; it still includes writing
// the raw output file, so the OpenJPEG ratio slightly favours WASM... less than 1 ms at 512²).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const OUT = 'bench/.tmp/decode';
mkdirSync(OUT, { recursive: true });
mkdirSync('bench/results', { recursive: true });
const must = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout + r.stderr;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

must('g++', [
  '-O2',
  '-std=c++17',
  '-o',
  `${OUT}/charls-bench`,
  'bench/decode/charls-bench.cpp',
  '-lcharls',
]);

// Synthetic 12-bit images: a CT-like 512² frame and a 4000×3000 radiograph-sized frame.
must('/usr/bin/python3', [
  '-c',
  String.raw`
import numpy as np, sys
out = sys.argv[1]
rng = np.random.default_rng(1)
for name, (h, w) in {'ct': (512, 512), 'large': (3000, 4000), 'tiny': (8, 8)}.items():
    y, x = np.mgrid[0:h, 0:w]
    r = np.hypot(x - w / 2, y - h / 2)
    img = np.where(r < min(h, w) * 0.45, 1000 + 400 * np.cos(x / 23.0) * np.sin(y / 31.0), 50) + rng.normal(0, 12, (h, w))
    img = np.clip(img, 0, 4095).astype('<u2')
    img.tofile(f'{out}/{name}.yuv')
    with open(f'{out}/{name}.pgm', 'wb') as f:
        f.write(b'P5\n%d %d\n4095\n' % (w, h)); f.write(img.astype('>u2').tobytes())
`,
  OUT,
]);

const sizes = { ct: [512, 512], large: [4000, 3000], tiny: [8, 8] };
const native = {};
const cases = [];
const REPEATS = { ct: 9, large: 3, tiny: 9 };
for (const [size, [w, h]] of Object.entries(sizes)) {
  // JPEG-LS via CharLS (encode + in-process decode timing).
  const jls = Number(
    must(`${OUT}/charls-bench`, [
      `${OUT}/${size}.yuv`,
      w,
      h,
      12,
      REPEATS[size],
      `${OUT}/${size}.jls`,
    ]).trim(),
  );
  // HTJ2K via OpenJPH.
  must('ojph_compress', [
    '-i',
    `${OUT}/${size}.yuv`,
    '-o',
    `${OUT}/${size}.j2c`,
    '-dims',
    `{${w},${h}}`,
    '-num_comps',
    '1',
    '-signed',
    'false',
    '-bit_depth',
    '12',
    '-downsamp',
    '{1,1}',
    '-reversible',
    'true',
  ]);
  const ojph = [];
  for (let i = 0; i < REPEATS[size]; i += 1) {
    const text = must('ojph_expand', ['-i', `${OUT}/${size}.j2c`, '-o', `${OUT}/${size}-out.yuv`]);
    ojph.push(Number(/Elapsed time = ([\d.]+)/.exec(text)?.[1]) * 1000);
  }
  // JPEG 2000 via OpenJPEG (lossless, 5 decompositions as DICOM encoders commonly use).
  must('opj_compress', [
    '-i',
    `${OUT}/${size}.pgm`,
    '-o',
    `${OUT}/${size}.j2k`,
    '-n',
    size === 'tiny' ? '1' : '6',
  ]);
  const opj = [];
  for (let i = 0; i < REPEATS[size]; i += 1) {
    const start = process.hrtime.bigint();
    must('opj_decompress', ['-i', `${OUT}/${size}.j2k`, '-o', `${OUT}/${size}-out.raw`]);
    opj.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  native[size] = { 'JPEG-LS': jls, HTJ2K: median(ojph), 'JPEG 2000': median(opj) };
  if (size === 'tiny') continue;
  for (const [codec, ts, ext] of [
    ['JPEG-LS', '1.2.840.10008.1.2.4.80', 'jls'],
    ['HTJ2K', '1.2.840.10008.1.2.4.201', 'j2c'],
    ['JPEG 2000', '1.2.840.10008.1.2.4.90', 'j2k'],
  ]) {
    cases.push({
      name: `${codec} ${size}`,
      codec,
      size,
      transferSyntaxUid: ts,
      file: `${size}.${ext}`,
      rows: h,
      columns: w,
      repeats: size === 'large' ? 3 : 9,
    });
  }
}
native.ct['JPEG 2000'] -= native.tiny['JPEG 2000'];
native.large['JPEG 2000'] -= native.tiny['JPEG 2000'];
writeFileSync(
  `${OUT}/cases.json`,
  JSON.stringify({ cases, seriesCase: 'JPEG-LS ct', seriesFrames: 300 }),
);

const wtr = spawnSync(
  'npx',
  ['wtr', '--config', 'web-test-runner.config.mjs', '--files', 'bench/decode/decode.bench.ts'],
  { encoding: 'utf8' },
);
const lines = `${wtr.stdout}\n${wtr.stderr}`.split('\n').filter((line) => line.includes('BENCH {'));
// wtr echoes browser logs twice (live and in the summary): keep the first of each measurement.
const seen = new Set();
const results = lines
  .map((line) => line.slice(line.indexOf('{')))
  .filter((json) => !seen.has(json) && seen.add(json))
  .map((json) => JSON.parse(json));
if (results.length === 0) {
  console.error(wtr.stdout, wtr.stderr);
  process.exit(1);
}

const rows = cases.map((c) => {
  const wasm = results.find((r) => r.kind === 'frame' && r.name === c.name)?.ms;
  const ref = native[c.size][c.codec];
  return `| ${c.codec} | ${c.size === 'ct' ? '512×512 12-bit' : '4000×3000 12-bit'} | ${wasm?.toFixed(1) ?? '—'} | ${ref.toFixed(1)} | ${wasm ? (wasm / ref).toFixed(2) : '—'}× |`;
});
const series = results.filter((r) => r.kind === 'series');
const base = series[0]?.fps ?? 1;
const table = `## Decode (WASM in workers vs native, same machine, same run)

Median in-worker decode time (one worker, WASM compiled beforehand) against the native library:
CharLS in-process (charls-bench.cpp), OpenJPH \`ojph_expand\`'s own timer, OpenJPEG \`opj_decompress\`
process time minus the same command on an 8×8 image. Synthetic 12-bit lossless images.
Target: WASM ≤ 1.6× native per core.

| Codec | Frame | WASM ms | Native ms | Ratio |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

Series throughput: 300 JPEG-LS CT frames (512², 12-bit) through DecodePool, wall clock including
transfer (machine: ${os.cpus().length} cores, shared with other work).

| Workers | Frames/s | Scaling |
| --- | --- | --- |
${series.map((s) => `| ${s.workers} | ${s.fps.toFixed(1)} | ${(s.fps / base).toFixed(2)}× |`).join('\n')}
`;
writeFileSync('bench/results/decode.md', table);
console.log(table);
