// The committed custom-elements.json must match the components' class headers:
// public API changes show up as a manifest diff in review.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const outdir = mkdtempSync(path.join(tmpdir(), 'cem-'));
execFileSync('npx', ['cem', 'analyze', '--quiet', '--outdir', outdir], { stdio: 'inherit' });
const fresh = readFileSync(path.join(outdir, 'custom-elements.json'), 'utf8');
const committed = readFileSync('custom-elements.json', 'utf8');
if (fresh !== committed) {
  console.error('custom-elements.json is stale: run `npm run build` and commit it.');
  process.exit(1);
}
