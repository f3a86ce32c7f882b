// `npm test`: everything, on a fresh clone, ending with one plain line `N passed, N failed`.
// Phases: environment → fixtures → type-check, lint, format → build → real Orthanc up →
// Node tests → browser tests (Debian Chromium) → Orthanc down (also when something failed).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  ensureDebianPackages,
  ensureNodeModules,
  fixturePath,
  unlistedProgram,
} from './test/environment.mjs';

const TMP = 'test/.tmp';
const totals = { passed: 0, failed: 0, skipped: 0 };
/** @type {string[]} */
const failures = [];

/**
 * Runs a command; resolves to its exit code. With `record`, its output is also kept (and still
 * shown) so a failure can be explained.
 * @param {string} command @param {string[]} args @param {Record<string, string>} [env]
 * @param {{ output: string }} [record]
 */
function run(command, args, env = {}, record) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: record ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    if (record) {
      child.stdout?.on('data', (chunk) => {
        record.output += chunk;
        process.stdout.write(chunk);
      });
      child.stderr?.on('data', (chunk) => {
        record.output += chunk;
        process.stderr.write(chunk);
      });
    }
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

/** A check that is one test: passes when the command exits 0. */
async function check(name, command, args, env, record) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const code = await run(command, args, env, record);
  console.log(
    `${code === 0 ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (code === 0) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
  return code === 0;
}

/** A suite whose runner writes its own counts to a JSON file. */
async function suite(name, command, args, env = {}) {
  const countFile = path.resolve(TMP, `counts-${name.replace(/\W+/g, '-')}.json`);
  rmSync(countFile, { force: true });
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const code = await run(command, args, { ...env, CB_COUNT_FILE: countFile });
  const counts = existsSync(countFile)
    ? JSON.parse(readFileSync(countFile, 'utf8'))
    : {
        passed: 0,
        failed: 1,
        skipped: 0,
        failures: [`${name}: runner produced no results (exit ${code})`],
      };
  // A runner that exits non-zero with no failed test still failed (crash, timeout).
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.failures.push(`${name}: runner exited with ${code}`);
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  failures.push(...counts.failures);
  console.log(
    `${counts.failed ? '✘' : '✔'} ${name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

function filesMatching(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f) && !f.includes('node_modules') && !f.includes('.tmp'))
    .map((f) => path.join(dir, f));
}

async function main() {
  ensureNodeModules();
  ensureDebianPackages();
  mkdirSync(TMP, { recursive: true });

  // Test data: made here, never stored in git (dwv's habit: generated, not committed). Fixtures
  // see only the programs scripts/test/environment.mjs lists, as on a bare machine.
  const fixtureEnv = { PATH: fixturePath(path.resolve(TMP, 'fixture-bin')) };
  /** @param {string} name @param {string[]} args */
  const fixture = async (name, args) => {
    const record = { output: '' };
    if (await check(name, 'node', args, fixtureEnv, record)) return;
    const unlisted = unlistedProgram(record.output);
    if (unlisted) {
      const message = `${name} runs \`${unlisted.program}\`, which scripts/test/environment.mjs does not list${unlisted.package ? ` (Debian package ${unlisted.package})` : ''}: add it to TEST_PACKAGES`;
      console.log(`✘ ${message}`);
      failures.push(message);
    }
  };
  if (!existsSync(`${TMP}/data/manifest.json`)) {
    await fixture('generate test DICOMweb data', [
      'scripts/demo-data/generate.mjs',
      '--small',
      '--out',
      `${TMP}/data`,
    ]);
  }
  for (const file of filesMatching('scripts/test', /^fixtures-.*\.mjs$/)) {
    await fixture(`fixtures: ${path.basename(file)}`, [file]);
  }

  await check('type-check (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  await check('lint (eslint --max-warnings 0)', 'npx', ['eslint', '--max-warnings', '0', '.']);
  await check('format (prettier --check)', 'npx', [
    'prettier',
    '--check',
    '--log-level',
    'warn',
    '.',
  ]);
  await check('build (library, standalone, .d.ts, manifest)', 'npm', ['run', '--silent', 'build']);
  await check('custom-elements.json is current', 'node', ['scripts/check-manifest.mjs']);
  await check('api-report.md is current', 'node', ['scripts/api-report.mjs', '--check']);
  await check('package: files, exports, types resolve (attw), size budgets', 'node', [
    'scripts/check-package.mjs',
  ]);
  // The published declarations as a vendor's strict tsc sees them (skipLibCheck off): stripping
  // `@internal` members can break a class's `implements` only there.
  await check('published types compile in a strict consumer (tsc)', 'npx', [
    'tsc',
    '-p',
    'test/package/types-consumer/tsconfig.json',
  ]);

  const { startOrthanc, uploadDirectory } = await import('./test/orthanc.mjs');
  const orthanc = await startOrthanc();
  try {
    const uploaded = await uploadDirectory(orthanc.url, `${TMP}/data/part10`);
    console.log(`Orthanc ${orthanc.url}: ${uploaded} instances uploaded`);
    const env = { ORTHANC_URL: orthanc.url };
    const nodeTests = [
      ...filesMatching('test', /\.node-test\.mjs$/),
      ...filesMatching('scripts', /\.node-test\.mjs$/),
    ];
    if (nodeTests.length) {
      await suite(
        'node tests',
        'node',
        [
          '--test',
          '--test-concurrency=1',
          '--test-reporter=spec',
          '--test-reporter-destination=stdout',
          '--test-reporter=./scripts/test/node-count-reporter.mjs',
          `--test-reporter-destination=${path.resolve(TMP, 'counts-node-tests.json')}`,
          ...nodeTests,
        ],
        { ...env, CB_COUNT_FILE: '' },
      );
    }
  } finally {
    await orthanc.stop();
  }
  // The browser phase owns its Orthanc: some tests kill and restart the server.
  await suite('browser tests (Chromium)', 'node', ['scripts/test/run-browser-tests.mjs']);

  if (failures.length) {
    console.log('\nFailures:');
    for (const failure of failures) console.log(`  - ${failure}`);
  }
  console.log(
    `\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
  );
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  console.log(`\n${totals.passed} passed, ${totals.failed + 1} failed`);
  process.exitCode = 1;
});
