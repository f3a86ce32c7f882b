#!/usr/bin/env node
// Browser tests (headless Debian Chromium) against a real Orthanc this script owns, so a
// test can kill and restart it (`orthanc-control`), with the DICOMweb fault rig in front.
// `npm test` runs it; alone: node scripts/test/run-browser-tests.mjs [glob …]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startOrthanc, uploadDirectory } from './orthanc.mjs';

const files = process.argv.slice(2);
const storageDir = mkdtempSync(path.join(tmpdir(), 'courbaril-browser-tests-'));
const port = await freePort();
let orthanc = await startOrthanc({ storageDir, port });
let rig;
let passed = false;
try {
  const uploaded = await uploadDirectory(orthanc.url, 'test/.tmp/data/part10');
  console.log(`Orthanc ${orthanc.url}: ${uploaded} instances uploaded`);
  // The config reads ORTHANC_URL for its same-origin /orthanc proxy.
  process.env.ORTHANC_URL = orthanc.url;
  const { createDicomwebTestRig } = await import('../../test/dicomweb/dicomweb-test-rig.mjs');
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
      ...(files.length ? { files } : {}),
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
