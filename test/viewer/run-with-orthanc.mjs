#!/usr/bin/env node
// Runs the viewer browser tests with a real Orthanc behind the runner's same-origin /orthanc
// proxy, as `npm test` does. Usage: node test/viewer/run-with-orthanc.mjs [glob …]
import { spawnSync } from 'node:child_process';
import { startOrthanc, uploadDirectory } from '../../scripts/test/orthanc.mjs';

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['src/components/viewer/**/*.test.ts', 'test/viewer/**/*.test.ts'];
const orthanc = await startOrthanc();
let status = 1;
try {
  console.log(
    `Orthanc ${orthanc.url}: ${await uploadDirectory(orthanc.url, 'test/.tmp/data/part10')} instances uploaded`,
  );
  const run = spawnSync(
    'npx',
    ['wtr', '--config', 'web-test-runner.config.mjs', '--files', ...files],
    { stdio: 'inherit', env: { ...process.env, ORTHANC_URL: orthanc.url } },
  );
  status = run.status ?? 1;
} finally {
  await orthanc.stop();
}
process.exit(status);
