// Issue 14: a bare machine passes `npm test`. Every external program a test, fixture or bench
// runs must be in scripts/test/environment.mjs's list, which `npm test` installs. Fixtures are
// also run with a PATH holding only listed programs (scripts/test.mjs); this check covers the
// tests and benches that spawn programs directly, and proves the fixture guard names a package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BENCH_PACKAGES, unlistedProgram } from '../../scripts/test/environment.mjs';

/** Programs that come with Node or the base system, not from a listed Debian package. */
const BASE = new Set(['node', 'npm', 'npx', 'apt-get', 'dpkg', 'git', 'sh', 'bash', 'tar']);
const listed = new Set(
  Object.keys(BENCH_PACKAGES)
    .filter((file) => /^\/usr\/s?bin\//.test(file))
    .map((file) => path.basename(file)),
);

/** Literal first words of process launches in Node (spawn, execFile) and embedded Python (subprocess). */
const LAUNCH = [
  /\b(?:spawn|spawnSync|execFile|execFileSync)\(\s*'([^']+)'/g,
  /\b(?:run|call|check_call|check_output|Popen)\(\s*\[\s*'([^']+)'/g,
  /\b(?:run|call|check_call|check_output|Popen)\(\s*\[\s*"([^"]+)"/g,
];

function sources(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(mjs|js|ts|py)$/.test(file) && !/node_modules|\.tmp|dist\//.test(file))
    .map((file) => path.join(dir, file));
}

test('every program a test, fixture or bench launches is in the installed list', () => {
  const unlisted = [];
  for (const file of [...sources('test'), ...sources('scripts'), ...sources('bench')]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of LAUNCH) {
      for (const match of text.matchAll(pattern)) {
        const program = path.basename(match[1] ?? '');
        if (!program || BASE.has(program) || listed.has(program)) continue;
        // npm's own binaries (eslint, tsc …) come with `npm ci`.
        if (existsSync(path.join('node_modules', '.bin', program))) continue;
        // Absolute paths must be listed too (`/usr/bin/python3`); `process.execPath` is node.
        unlisted.push(`${file}: ${program}`);
      }
    }
  }
  assert.deepEqual(unlisted, [], 'add these to TEST_PACKAGES in scripts/test/environment.mjs');
});

test('a fixture that runs an unlisted program is reported with the program it lacked', () => {
  assert.deepEqual(
    unlistedProgram("FileNotFoundError: [Errno 2] No such file or directory: 'dcmnotthere'"),
    { program: 'dcmnotthere' },
  );
  assert.equal(unlistedProgram('Error: spawnSync opj_nothere ENOENT')?.program, 'opj_nothere');
  assert.equal(unlistedProgram('ValueError: something else'), undefined);
});
