// Issue 2: lint and type-check fail the run when violated. `npm test` counts each as a
// test that fails on a non-zero exit; here we prove our configs do exit non-zero on a
// violation (and stay quiet on clean code), with a probe file the run writes itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

// Inside the TypeScript project (dot folders like test/.tmp are outside it); git-ignored.
const DIR = 'test/rig/probe';
const run = (args) => spawnSync('npx', args, { encoding: 'utf8' });

test('eslint (our config, --max-warnings 0) rejects a violation and accepts clean code', () => {
  mkdirSync(DIR, { recursive: true });
  try {
    writeFileSync(`${DIR}/bad.ts`, 'export const z: any = 1;\n');
    writeFileSync(`${DIR}/good.ts`, 'export function g(a: number): number {\n  return a + 1;\n}\n');
    const bad = run(['eslint', '--max-warnings', '0', `${DIR}/bad.ts`]);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stdout, /no-explicit-any/);
    const good = run(['eslint', '--max-warnings', '0', `${DIR}/good.ts`]);
    assert.equal(good.status, 0, good.stdout);
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
});

test('tsc (our strict tsconfig) rejects an unchecked index access', () => {
  mkdirSync(DIR, { recursive: true });
  try {
    // noUncheckedIndexedAccess: `xs[0]` is `number | undefined`.
    writeFileSync(`${DIR}/bad.ts`, 'const xs: number[] = [1];\nexport const y: number = xs[0];\n');
    const result = run(['tsc', '--noEmit', '-p', 'tsconfig.json']);
    assert.notEqual(result.status, 0);
    assert.match(result.stdout, /rig\/probe\/bad\.ts.*TS2322/);
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
});
