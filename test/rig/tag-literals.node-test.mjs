// Issue 15: one tag dictionary. Tags in src/ are the named constants of
// src/dicom/tags.generated.ts, never 0xGGGGEEEE literals: the lint rejects a new one (probe file
// written inside src/, removed after), a scan of src/ finds none that is a PS3.6 tag (even under
// an eslint-disable), and the generated constants agree with the keyword table beside them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const generated = readFileSync('src/dicom/tags.generated.ts', 'utf8');
/** keyword → tag number, as tags.generated.ts exports them. */
const constants = new Map(
  [...generated.matchAll(/^export const (\w+) = (0x[0-9a-f]{8});$/gm)].map((m) => [
    m[1],
    Number(m[2]),
  ]),
);
const tagValues = new Set(constants.values());

async function lintProbe(source) {
  const file = `src/render/tag-probe-${process.pid}.ts`;
  writeFileSync(file, source);
  try {
    const [result] = await new ESLint().lintFiles([file]);
    return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
  } finally {
    rmSync(file, { force: true });
  }
}

test('the lint rejects a tag written as a hex literal in src/', async () => {
  const errors = await lintProbe('export const rows = 0x00280010;\n');
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /tags\.generated/);
});

test('the lint accepts the 32-bit numbers that are not tags, and named tags', async () => {
  const errors = await lintProbe(
    "import { Rows } from '../dicom/tags.generated.js';\n" +
      'export const values = [Rows, 0xffffffff, 0x7fffffff, 0x6a703263, 0xff, 0x7fe0];\n',
  );
  assert.deepEqual(errors, []);
});

function sourcesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(file);
    return /\.ts$/.test(entry.name) && !/\.(test|generated)\.ts$/.test(entry.name) ? [file] : [];
  });
}

test('no file of src/ (tests and generated files aside) spells a PS3.6 tag as a number', () => {
  const found = [];
  for (const file of sourcesUnder('src')) {
    // Comments may cite a tag's number; code may not.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const [literal] of code.matchAll(/\b0x[0-9a-fA-F]{8}\b/g))
      if (tagValues.has(Number(literal))) found.push(`${file}: ${literal}`);
  }
  assert.deepEqual(found, []);
});

test('tags.generated.ts names every keyword of the dictionary with its tag', () => {
  const packed = readFileSync('src/dicom/keywords.generated.ts', 'utf8').match(
    /packedKeywords =\s*'([^']+)'/,
  )[1];
  const keywords = packed
    .split(';')
    .map((entry) => [entry.slice(8), parseInt(entry.slice(0, 8), 16)]);
  assert.ok(keywords.length > 4000);
  assert.equal(constants.size, keywords.length);
  for (const [keyword, tag] of keywords) assert.equal(constants.get(keyword), tag, keyword);
  // Spot checks against PS3.6 Table 6-1, written here by hand.
  assert.equal(constants.get('PatientName'), 0x00100010);
  assert.equal(constants.get('PixelData'), 0x7fe00010);
  assert.equal(constants.get('Item'), 0xfffee000);
});
