// Bytes a page downloads from the standalone build, gzip-compressed as a server sends them:
// the core module, the decode worker, and each codec family (its chunk and its .wasm), each
// against a budget. `scripts/check-package.mjs` fails past a budget; `npm run bench -- size`
// reports them beside the same codecs as Cornerstone3D's dicom-image-loader ships them.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budgets in gzip bytes (measured 2026-12 plus ~10 %: raise one only with a reason in the commit). */
export const BUDGETS = {
  // Session 7 added GSPS, the reading list, lossy frames and previews: 162.9 KB → 182.2 KB.
  core: 186_000,
  'decode worker': 7_400,
  'volume worker': 8_400,
  'JPEG-LS (CharLS)': 64_000,
  'JPEG 2000 (OpenJPEG)': 109_000,
  'HTJ2K (OpenJPH)': 120_000,
  'JPEG baseline (libjpeg-turbo)': 124_000,
  'JPEG lossless': 5_300,
  RLE: 900,
};

/** Codec families: the chunk names of their code and their .wasm, in dist/standalone/assets. */
const CODECS = {
  'JPEG-LS (CharLS)': [
    /^jpeg-ls-/,
    /^jpeg-header-/,
    /^wasm-module-/,
    /^charlswasm_decode-.*\.wasm$/,
  ],
  'JPEG 2000 (OpenJPEG)': [
    /^jpeg2000-/,
    /^j2k-family-/,
    /^wasm-module-/,
    /^openjpegwasm_decode-.*\.wasm$/,
  ],
  'HTJ2K (OpenJPH)': [/^htj2k-/, /^j2k-family-/, /^wasm-module-/, /^openjphjs-.*\.wasm$/],
  'JPEG baseline (libjpeg-turbo)': [
    /^jpeg-baseline-/,
    /^jpeg-header-/,
    /^wasm-module-/,
    /^libjpegturbowasm_decode-.*\.wasm$/,
  ],
  'JPEG lossless': [/^jpeg-lossless-/],
  RLE: [/^rle-/],
};

const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** @returns {{ name: string, files: string[], bytes: number, budget: number }[]} */
export function measureSizes(standalone = 'dist/standalone') {
  const assets = readdirSync(path.join(standalone, 'assets')).filter((f) => !f.endsWith('.map'));
  const rows = [
    { name: 'core', files: ['courbaril.js'] },
    { name: 'decode worker', files: ['assets/decode-worker.js'] },
    { name: 'volume worker', files: ['assets/volume-worker.js'] },
    ...Object.entries(CODECS).map(([name, patterns]) => ({
      name,
      files: patterns.map((pattern) => {
        const file = assets.find(
          (f) => pattern.test(f) && (f.endsWith('.js') || f.endsWith('.wasm')),
        );
        if (!file) throw new Error(`${name}: no asset matches ${pattern}`);
        return `assets/${file}`;
      }),
    })),
  ];
  return rows.map(({ name, files }) => ({
    name,
    files,
    bytes: files.reduce((sum, file) => sum + gzipped(path.join(standalone, file)), 0),
    budget: BUDGETS[name],
  }));
}
