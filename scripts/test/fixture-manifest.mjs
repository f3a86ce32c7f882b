// Fixture scripts are idempotent: each writes a manifest.json with its VERSION last, and returns
// at once when that manifest exists with the same version (bump VERSION when the fixtures change).
import { existsSync, readFileSync } from 'node:fs';

/** True when `manifestPath` holds this `version` and `--force` was not given: nothing to rebuild. */
export function fixturesAreCurrent(manifestPath, version) {
  if (process.argv.includes('--force') || !existsSync(manifestPath)) return false;
  try {
    return JSON.parse(readFileSync(manifestPath, 'utf8')).version === version;
  } catch {
    return false; // unreadable: rebuild
  }
}
