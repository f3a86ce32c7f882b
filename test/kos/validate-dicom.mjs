// Independent checks of a DICOM file we wrote, for the browser tests (rig command 'dicom-validate'):
// dciodvfy (dicom3tools) checks it against its IOD, dsrdump (DCMTK) reads its SR content tree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * @param {Uint8Array} bytes
 * @returns {{ dciodvfy: { status: number | null, output: string }, dsrdump: { status: number | null, output: string } }}
 */
export function validateDicom(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'courbaril-validate-'));
  try {
    const file = path.join(dir, 'object.dcm');
    writeFileSync(file, bytes);
    const run = (program, args) => {
      const result = spawnSync(program, args, { encoding: 'utf8' });
      if (result.error) throw result.error;
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    };
    return {
      dciodvfy: run('dciodvfy', [file]),
      dsrdump: run('dsrdump', ['+Pu', '+Pc', '+Pl', file]),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
