#!/usr/bin/env node
// `npm run fuzz`: the long run of the mutation fuzzers (test/fuzz/*.fuzz.test.ts) in headless
// Chromium. `npm test` runs them briefly with a fixed seed; this runs them FUZZ_SCALE times
// longer (default 50) with a fresh seed, printed first, so any failure can be replayed:
//   FUZZ_SEED=<seed> FUZZ_SCALE=<scale> npm run fuzz
// A failing property also prints its seed, counterexample and fast-check path.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';

const seed = process.env.FUZZ_SEED ?? String(randomInt(0, 2 ** 31 - 1));
const scale = process.env.FUZZ_SCALE ?? '50';
console.log(`Fuzzing with FUZZ_SEED=${seed} FUZZ_SCALE=${scale}`);
const child = spawn(
  process.execPath,
  ['scripts/test/run-browser-tests.mjs', 'test/fuzz/**/*.fuzz.test.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, FUZZ_SEED: seed, FUZZ_SCALE: scale } },
);
child.on('exit', (code, signal) => {
  console.log(
    `Fuzz run with FUZZ_SEED=${seed} FUZZ_SCALE=${scale}: ${code === 0 ? 'passed' : 'FAILED'}`,
  );
  process.exit(code ?? (signal ? 1 : 0));
});
