#!/usr/bin/env node
// Runs the DICOMweb browser tests against a real Orthanc that this script owns, so a test
// can kill and restart it (orthanc-control). Usage: node test/dicomweb/run-with-orthanc.mjs [glob …]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startOrthanc, uploadDirectory } from '../../scripts/test/orthanc.mjs';
import { createDicomwebTestRig } from './dicomweb-test-rig.mjs';

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['test/dicomweb/**/*.test.ts', 'src/dicomweb/**/*.test.ts'];
const fixtures = spawnSync('node', ['test/dicomweb/fixtures.mjs'], { stdio: 'inherit' });
if (fixtures.status !== 0) process.exit(1);

const storageDir = mkdtempSync(path.join(tmpdir(), 'courbaril-dicomweb-'));
const port = await freePort();
let orthanc = await startOrthanc({ storageDir, port });
let rig;
let passed = false;
try {
  console.log(
    `Orthanc ${orthanc.url}: ${await uploadDirectory(orthanc.url, 'test/.tmp/dicomweb/part10')} instances uploaded`,
  );
  process.env.ORTHANC_URL = orthanc.url;
  rig = await createDicomwebTestRig({
    orthancUrl: orthanc.url,
    orthanc: {
      stop: () => orthanc.stop(),
      start: async () => {
        orthanc = await startOrthanc({ storageDir, port });
      },
    },
  });
  const { default: base } = await import('../../web-test-runner.config.mjs');
  const { startTestRunner } = await import('@web/test-runner');
  const runner = await startTestRunner({
    config: {
      ...base,
      files,
      middleware: [...(base.middleware ?? []), ...rig.middleware],
      plugins: [...(base.plugins ?? []), rig.plugin],
    },
    readCliArgs: false,
    readFileConfig: false,
    autoExitProcess: false,
  });
  if (!runner) throw new Error('test runner did not start');
  passed = await new Promise((resolve) => runner.on('stopped', resolve));
} finally {
  await rig?.stop();
  await orthanc.stop();
  rmSync(storageDir, { recursive: true, force: true });
}
process.exit(passed ? 0 : 1);
