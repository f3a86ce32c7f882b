// Test-runner rig for the DICOMweb browser tests (see scripts/test/run-browser-tests.mjs):
//  - a fault proxy (scripts/test/fault-proxy.mjs) in front of Orthanc, reached same-origin at /fault-orthanc/*;
//  - the fixtures of test/dicomweb/fixtures.mjs served at /dicomweb-fixtures/*;
//  - server commands for the browser (@web/test-runner-commands executeServerCommand):
//      'dicomweb-fault'   { faults? | reset: true }  → { faults, counters }
//      'dicomweb-upload'  {}                          → { uploaded } (idempotent in Orthanc)
//      'orthanc-control'  { action: 'stop' | 'start' } → { supported } (only when the rig owns Orthanc)
//      'foreign-origin'   { reset?: true }            → { url, requests } (foreign-origin.mjs);
//      'fuzz-config'      {}                          → { seed, scale } from FUZZ_SEED / FUZZ_SCALE (npm run fuzz);
//      'kos-fixtures'     {}                          → { manifest, files } (test/kos/fixtures.mjs; part10/ uploaded);
//      'dicom-validate'   { base64 }                  → { dciodvfy, dsrdump } (test/kos/validate-dicom.mjs);
//      'gsps-tools'       { action, image?, gsps? }   → pydicom image, dcmpsmk GSPS, dcmp2pgm render (test/gsps/gsps-tools.mjs);
//      'second-source'    { reset?: true }            → { url, requests } (Orthanc behind another origin, second-source.mjs);
//      'reference-decode' { base64, transferSyntaxUid, … } → { base64 } (DCMTK's decode of one frame, reference-decode.mjs).
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { startFaultProxy } from '../../scripts/test/fault-proxy.mjs';
import { spawnSync } from 'node:child_process';
import { uploadDirectory } from '../../scripts/test/orthanc.mjs';
import { proxyKoa } from '../../scripts/test/proxy.mjs';
import { startForeignOrigin } from './foreign-origin.mjs';
import { referenceDecode } from './reference-decode.mjs';
import { kosFixtures } from '../kos/kos-fixtures-command.mjs';
import { validateDicom } from '../kos/validate-dicom.mjs';
import { gspsTools } from '../gsps/gsps-tools.mjs';
import { startSecondSource } from '../kos/second-source.mjs';

const FIXTURES = path.resolve('test/.tmp/dicomweb');

/**
 * @param {{ orthancUrl: string, orthanc?: { stop(): Promise<void>, start(): Promise<void> } }} options
 */
export async function createDicomwebTestRig({ orthancUrl, orthanc }) {
  const faultProxy = await startFaultProxy({ target: orthancUrl });
  const foreign = await startForeignOrigin();
  const second = await startSecondSource(orthancUrl);
  const serveFixtures = (ctx, next) => {
    if (!ctx.path.startsWith('/dicomweb-fixtures/')) return next();
    const file = path.resolve(FIXTURES, ctx.path.slice('/dicomweb-fixtures/'.length));
    if (!file.startsWith(FIXTURES + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      ctx.status = 404;
      return undefined;
    }
    ctx.type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    ctx.body = createReadStream(file);
    return undefined;
  };
  const plugin = {
    name: 'courbaril-dicomweb-test-rig',
    /** @param {{ command: string, payload?: any }} args */
    async executeCommand({ command, payload }) {
      if (command === 'dicomweb-fault') {
        if (payload?.reset) faultProxy.reset();
        else if (payload?.faults) faultProxy.setFaults(payload.faults);
        return { faults: faultProxy.faults, counters: faultProxy.counters };
      }
      if (command === 'dicomweb-upload') {
        // Idempotent: returns at once when the fixtures of this version exist.
        const made = spawnSync('node', ['test/dicomweb/fixtures.mjs'], { stdio: 'inherit' });
        if (made.status !== 0) throw new Error('test/dicomweb/fixtures.mjs failed');
        return { uploaded: await uploadDirectory(orthancUrl, path.join(FIXTURES, 'part10')) };
      }
      if (command === 'foreign-origin') {
        if (payload?.reset) foreign.reset();
        return { url: foreign.url, requests: foreign.requests };
      }
      if (command === 'kos-fixtures') return kosFixtures(orthancUrl);
      if (command === 'second-source') {
        if (payload?.reset) second.reset();
        return { url: second.url, requests: second.requests };
      }
      if (command === 'reference-decode') return referenceDecode(payload);
      if (command === 'dicom-validate')
        return validateDicom(Buffer.from(String(payload?.base64 ?? ''), 'base64'));
      if (command === 'gsps-tools') return gspsTools(payload ?? {});
      if (command === 'fuzz-config') {
        const seed = Number(process.env.FUZZ_SEED);
        const scale = Number(process.env.FUZZ_SCALE);
        return {
          ...(Number.isInteger(seed) ? { seed } : {}),
          ...(scale > 0 ? { scale } : {}),
        };
      }
      if (command === 'orthanc-control') {
        if (!orthanc) return { supported: false };
        if (payload?.action === 'stop') await orthanc.stop();
        else if (payload?.action === 'start') await orthanc.start();
        return { supported: true };
      }
      return undefined;
    },
  };
  return {
    faultProxy,
    plugin,
    middleware: [proxyKoa({ prefix: '/fault-orthanc', target: faultProxy.url }), serveFixtures],
    stop: () => Promise.all([faultProxy.stop(), foreign.stop(), second.stop()]),
  };
}
