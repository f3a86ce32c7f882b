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

// Every element names its tag (read from its defineElement call by the manifest config's
// plugin): the React, Preact, Vue and Svelte typings and the React wrappers are keyed by it.
const untagged = [];
for (const module of JSON.parse(committed).modules ?? []) {
  for (const declaration of module.declarations ?? []) {
    if (declaration.customElement && !declaration.tagName)
      untagged.push(`${declaration.name} (${module.path})`);
  }
}
if (untagged.length > 0) {
  console.error(
    `custom-elements.json names no tag for ${untagged.join(', ')}: register each element ` +
      'with defineElement(tag, Class) in its cb-*.ts file.',
  );
  process.exit(1);
}
