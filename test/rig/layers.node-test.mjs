// Issue 15: the layers of STYLE.md are enforced. The lint (run by `npm test` with
// --max-warnings 0) must reject an import that goes up a layer or across a forbidden edge, and
// the folders of src/ must form no cycle. Probe files are written inside src/ itself (the
// layer rules are keyed on the folder), named so no build or test picks them up, and removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const eslint = new ESLint();

async function lintProbe(folder, source) {
  const file = `src/${folder}/layer-probe-${process.pid}.ts`;
  writeFileSync(file, source);
  try {
    const [result] = await eslint.lintFiles([file]);
    return result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths');
  } finally {
    rmSync(file, { force: true });
  }
}

test('the lint rejects an import up a layer (dicom/ importing the session layer)', async () => {
  const errors = await lintProbe(
    'dicom',
    "import type { ViewerSession } from '../session/viewer-session.js';\nexport type T = ViewerSession;\n",
  );
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /src\/dicom may not import/);
});

test('the lint rejects an element importing DICOMweb or the cache directly', async () => {
  const errors = await lintProbe(
    'components',
    "import type { DicomwebClient } from '../dicomweb/dicomweb-client.js';\n" +
      "import type { SeriesCache } from '../cache/series-cache.js';\n" +
      'export type T = [DicomwebClient, SeriesCache];\n',
  );
  assert.equal(errors.length, 2);
});

test('the lint rejects a lower layer importing context/ (the frame loader lives below)', async () => {
  const errors = await lintProbe(
    'dicomweb',
    "import type { frameLoaderContext } from '../context/frame-loader.js';\nexport type T = typeof frameLoaderContext;\n",
  );
  assert.equal(errors.length, 1);
});

test('the lint accepts an import down the layers (session/ using dicomweb/)', async () => {
  const errors = await lintProbe(
    'session',
    "import type { DicomwebClient } from '../dicomweb/dicomweb-client.js';\nexport type T = DicomwebClient;\n",
  );
  assert.deepEqual(errors, []);
});

test('the lint keeps volume/ pure: no worker, DICOMweb or codec, but render/ and dicom/ math', async () => {
  const refused = await lintProbe(
    'volume',
    "import type { DecodePool } from '../workers/decode-pool.js';\n" +
      "import type { DicomwebClient } from '../dicomweb/dicomweb-client.js';\n" +
      "import type { CodecOutput } from '../codecs/codec.js';\n" +
      'export type T = [DecodePool, DicomwebClient, CodecOutput];\n',
  );
  assert.equal(refused.length, 3);
  const accepted = await lintProbe(
    'volume',
    "import type { Calibration } from '../render/calibration.js';\n" +
      "import type { DicomDataset } from '../dicom/dataset.js';\n" +
      'export type T = [Calibration, DicomDataset];\n',
  );
  assert.deepEqual(accepted, []);
});

test('the folders of src/ import each other without a cycle', () => {
  const edges = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.test.ts')) {
        const from = folderOf(file);
        for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)) {
          const to = folderOf(path.join(path.dirname(file), spec));
          if (from && to && from !== to) {
            if (!edges.has(from)) edges.set(from, new Set());
            edges.get(from).add(to);
          }
        }
      }
    }
  };
  walk('src');
  assert.ok(edges.get('components')?.has('session'), 'the graph was read');
  const state = new Map();
  const visit = (node, trail) => {
    if (state.get(node) === 'done') return;
    assert.notEqual(state.get(node), 'open', `folder cycle: ${[...trail, node].join(' → ')}`);
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
});

/** The top-level folder of src/ a path is in (undefined for src/*.ts entry points). */
function folderOf(file) {
  const parts = path.normalize(file).split(path.sep);
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined;
}

test('no file of src/ is over 400 lines (generated dictionaries aside)', () => {
  const long = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.generated.ts')) {
        const lines = readFileSync(file, 'utf8').split('\n').length - 1;
        if (lines > 400) long.push(`${file}: ${lines}`);
      }
    }
  };
  walk('src');
  assert.deepEqual(long, []);
});
