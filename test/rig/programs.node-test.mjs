// Issue 14: a bare machine passes `npm test`. Every external program a test, fixture or bench
// runs must be in scripts/test/environment.mjs's list, which `npm test` installs. Fixtures are
// also run with a PATH holding only listed programs (scripts/test.mjs); this check covers the
// tests and benches that spawn programs directly, the absolute Debian paths they read, the Python
// modules their embedded scripts import, and proves the fixture guard names a package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BENCH_PACKAGES,
  TEST_PACKAGES,
  fixturePath,
  unlistedProgram,
} from '../../scripts/test/environment.mjs';

/** Programs that come with Node or the base system, not from a listed Debian package. */
const BASE = new Set(['node', 'npm', 'npx', 'apt-get', 'dpkg', 'git', 'sh', 'bash', 'tar']);

/** @param {Record<string, string>} list */
const programsOf = (list) =>
  new Set(
    Object.keys(list)
      .filter((file) => /^\/usr\/s?bin\//.test(file))
      .map((file) => path.basename(file)),
  );

/**
 * Literal first words of process launches: Node (spawn, execFile, exec), Python (subprocess and
 * the fixtures' own `run(...)` / `run([...])` helpers), and the KOS validator's `run('dciodvfy')`.
 * A missed launch is how opj_compress went unlisted, so helpers count as launches.
 */
const LAUNCH =
  /\b(?:spawn|spawnSync|execFile|execFileSync|exec|execSync|run|sh|call|check_call|check_output|Popen)\(\s*\[?\s*['"`]([\w./+-]+)/g;
/** Absolute paths into the Debian system (programs, plugins, Python packages, headers). */
const SYSTEM_PATH = /['"`](\/(?:usr|bin|sbin|opt)\/[\w./+-]+)/g;
/** Imports of embedded Python scripts (JS imports never start a line with `from`, nor lack `from`/quotes). */
const PYTHON_IMPORT =
  /^\s*(?:import ([\w.]+(?: as \w+)?(?:\s*,\s*[\w.]+(?: as \w+)?)*)\s*$|from ([\w.]+) import )/gm;

/** @param {string} dir */
function sources(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(mjs|js|cjs|ts|py)$/.test(file) && !/node_modules|\.tmp|dist\//.test(file))
    .map((file) => path.join(dir, file));
}

/** Files run by `npm test` (scripts, tests, fixtures) and by `npm run bench`, with their list. */
const SCANNED = [
  ...['scripts', 'test'].flatMap((dir) =>
    sources(dir).map((file) => ({
      file,
      // The file that declares both lists names the benches' packages too.
      list: file.endsWith('environment.mjs') ? BENCH_PACKAGES : TEST_PACKAGES,
    })),
  ),
  ...['web-test-runner.config.mjs', 'vite.config.ts'].map((file) => ({
    file,
    list: TEST_PACKAGES,
  })),
  ...sources('bench').map((file) => ({ file, list: BENCH_PACKAGES })),
].filter(({ file }) => file !== path.join('test', 'rig', 'programs.node-test.mjs'));

/** @param {string} file @returns {string[]} the Debian packages owning it (dpkg -S) */
function owners(file) {
  const result = spawnSync('dpkg', ['-S', file], { encoding: 'utf8' });
  if (result.status !== 0) return [];
  return result.stdout
    .split('\n')
    .filter((line) => line.endsWith(`: ${file}`))
    .flatMap((line) => line.slice(0, -file.length - 2).split(', '))
    .map((pkg) => pkg.split(':')[0] ?? pkg);
}

test('every program a test, fixture or bench launches is in the installed list', () => {
  const unlisted = [];
  for (const { file, list } of SCANNED) {
    const listed = programsOf(list);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(LAUNCH)) {
      const program = path.basename(match[1] ?? '');
      if (!program || BASE.has(program) || listed.has(program)) continue;
      // npm's own binaries (eslint, tsc …) come with `npm ci`; scripts run by node are files.
      if (existsSync(path.join('node_modules', '.bin', program))) continue;
      if (/\.(mjs|js|cjs|ts|py)$/.test(program)) continue;
      // A word that is no program on this machine (a Python helper's other use) launches nothing.
      const installed = ['/usr/bin', '/usr/sbin', '/bin', '/sbin'].some((dir) =>
        existsSync(path.join(dir, program)),
      );
      if (!installed && !match[1]?.startsWith('/')) continue;
      unlisted.push(`${file}: ${program}`);
    }
  }
  assert.deepEqual(unlisted, [], 'add these to TEST_PACKAGES in scripts/test/environment.mjs');
});

test('every Debian path the tests and fixtures name belongs to a listed package', () => {
  const unlisted = [];
  for (const { file, list } of SCANNED) {
    const packages = new Set(Object.values(list));
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(SYSTEM_PATH)) {
      const system = (match[1] ?? '').replace(/\/+$/, '');
      if (['/usr/bin', '/usr/sbin', '/bin', '/sbin'].includes(system)) continue;
      if (Object.hasOwn(list, system)) continue;
      if (owners(system).some((pkg) => packages.has(pkg))) continue;
      unlisted.push(`${file}: ${system}`);
    }
  }
  assert.deepEqual(unlisted, [], 'list the package of these in scripts/test/environment.mjs');
});

test('every Python module the fixtures import is the standard library or a listed package', () => {
  const modules = new Map();
  for (const { file, list } of SCANNED) {
    if (!/\bpython3\b/.test(readFileSync(file, 'utf8'))) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(PYTHON_IMPORT)) {
      const names = match[1] ? match[1].split(',') : [match[2] ?? ''];
      for (const name of names) {
        const top = name.trim().split(/[.\s]/)[0];
        if (top && !/^(type|the)$/.test(top)) modules.set(top, { file, list });
      }
    }
  }
  assert.ok(modules.has('pydicom') && modules.has('numpy'), 'the scan reads the fixtures');
  const script = [
    'import importlib.util, json, sys',
    'out = {}',
    'for name in sys.argv[1:]:',
    '    spec = importlib.util.find_spec(name)',
    "    out[name] = None if spec is None else (spec.origin or '')",
    'print(json.dumps(out))',
  ].join('\n');
  const found = spawnSync('/usr/bin/python3', ['-c', script, ...modules.keys()], {
    encoding: 'utf8',
  });
  assert.equal(found.status, 0, found.stderr);
  const origins = JSON.parse(found.stdout);
  const unlisted = [];
  for (const [name, { file, list }] of modules) {
    const origin = origins[name];
    if (origin === null) {
      unlisted.push(`${file}: ${name} (not importable)`);
      continue;
    }
    // The standard library (built in, or under /usr/lib/python3.x) comes with python3 itself.
    if (!origin.includes('-packages/')) continue;
    const packageDir = origin.replace(/(-packages\/[^/]+).*/, '$1');
    const packages = new Set(Object.values(list));
    const owned = [origin, packageDir].some((p) => owners(p).some((pkg) => packages.has(pkg)));
    if (!owned) unlisted.push(`${file}: ${name} (${packageDir})`);
  }
  assert.deepEqual(unlisted, [], 'list the Debian package of these modules');
});

test('a fixture that runs an unlisted program is reported with the program it lacked', () => {
  assert.deepEqual(
    unlistedProgram("FileNotFoundError: [Errno 2] No such file or directory: 'dcmnotthere'"),
    { program: 'dcmnotthere' },
  );
  assert.equal(unlistedProgram('Error: spawnSync opj_nothere ENOENT')?.program, 'opj_nothere');
  assert.equal(unlistedProgram('ValueError: something else'), undefined);
});

test('fixtures run where only listed programs exist, and an unlisted one is named with its package', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'courbaril-fixture-path-'));
  try {
    const env = { PATH: fixturePath(path.join(dir, 'bin')) };
    // A listed program runs (as fixtures run it: by name, through PATH)...
    const listed = spawnSync('dcmdump', ['--version'], { env, encoding: 'utf8' });
    assert.equal(listed.error, undefined);
    // ...an installed but unlisted one does not, and the guard names the Debian package that has it.
    assert.ok(existsSync('/usr/bin/xz'), 'xz (xz-utils) is on every Debian system');
    const script = "require('node:child_process').execFileSync('xz', ['--version'])";
    const unlisted = spawnSync('node', ['-e', script], { env, encoding: 'utf8' });
    assert.notEqual(unlisted.status, 0);
    assert.deepEqual(unlistedProgram(unlisted.stderr), { program: 'xz', package: 'xz-utils' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
