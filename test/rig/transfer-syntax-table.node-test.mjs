// Issue 15: one transfer syntax registry. Every transfer syntax UID in src/ is written once, in
// src/dicom/transfer-syntax.ts; code elsewhere reads the registry (tests aside, which check it
// against the standard).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REGISTRY = path.join('src', 'dicom', 'transfer-syntax.ts');

function sourcesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(file);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [file] : [];
  });
}

test('no file of src/ but the registry spells a transfer syntax UID in code', () => {
  const found = [];
  for (const file of sourcesUnder('src')) {
    if (file === REGISTRY) continue;
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const [uid] of code.matchAll(/['"`]1\.2\.840\.10008\.1\.2(\.[\d.]+)?['"`]/g))
      found.push(`${file}: ${uid}`);
  }
  assert.deepEqual(found, []);
});

test('the registry writes each UID once', () => {
  const uids = [...readFileSync(REGISTRY, 'utf8').matchAll(/uid: '([\d.]+)'/g)].map((m) => m[1]);
  assert.ok(uids.length >= 17);
  assert.equal(new Set(uids).size, uids.length);
});
