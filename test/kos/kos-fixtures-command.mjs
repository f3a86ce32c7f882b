// Rig command 'kos-fixtures': makes the KOS fixtures (idempotent), uploads their part10/ folder to
// Orthanc (idempotent there too) and hands the browser the manifest and the files/ documents.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { uploadDirectory } from '../../scripts/test/orthanc.mjs';

const OUT = path.resolve('test/.tmp/kos');

/** @param {string} orthancUrl */
export async function kosFixtures(orthancUrl) {
  const made = spawnSync('node', ['test/kos/fixtures.mjs'], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error('test/kos/fixtures.mjs failed');
  await uploadDirectory(orthancUrl, path.join(OUT, 'part10'));
  /** @type {Record<string, string>} */
  const files = {};
  for (const name of readdirSync(path.join(OUT, 'files')))
    files[name] = readFileSync(path.join(OUT, 'files', name)).toString('base64');
  for (const name of readdirSync(path.join(OUT, 'part10')))
    files[name] = readFileSync(path.join(OUT, 'part10', name)).toString('base64');
  return { manifest: JSON.parse(readFileSync(path.join(OUT, 'manifest.json'), 'utf8')), files };
}
