// The committed custom-elements.json must match the components' class headers:
// public API changes show up as a manifest diff in review.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

// The analyzer takes --outdir relative to the working directory.
const outdir = '.cache/cem-check';
rmSync(outdir, { recursive: true, force: true });
execFileSync('npx', ['cem', 'analyze', '--quiet', '--outdir', outdir], { stdio: 'inherit' });
const fresh = readFileSync(`${outdir}/custom-elements.json`, 'utf8');
const committed = readFileSync('custom-elements.json', 'utf8');
rmSync(outdir, { recursive: true, force: true });
if (fresh !== committed) {
  console.error('custom-elements.json is stale: run `npm run build` and commit it.');
  process.exit(1);
}
