// Issue 19: a Svelte 5 + TypeScript app. svelte-check passes on markup that uses the elements'
// properties and typed events through courbaril/svelte, and reports each wrong prop or handler
// type in svelte-app/wrong/ (Svelte markup has no @ts-expect-error); its own `vite build` with
// the README's vite.config.ts then decodes and renders in Chromium.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkBuild, installApp } from './consumer-app.mjs';

const SVELTE = {
  svelte: '^5',
  'svelte-check': '^4',
  '@sveltejs/vite-plugin-svelte': '^7',
  vite: '8.3.4',
  typescript: '~5.9',
};

describe('consumer: Svelte 5 + TypeScript', () => {
  const app = installApp('svelte', SVELTE, 'svelte-app');
  const bin = (file) => path.join(app, 'node_modules', file);
  const svelteCheck = (tsconfig) =>
    spawnSync(
      process.execPath,
      [bin('svelte-check/bin/svelte-check'), '--tsconfig', tsconfig, '--output', 'machine'],
      { cwd: app, encoding: 'utf8' },
    );

  it('type-checks markup using the elements’ properties and events (svelte-check)', () => {
    const ok = svelteCheck('./tsconfig.json');
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  });

  it('svelte-check reports a wrong prop or handler type (the typings are not `any`)', () => {
    const wrong = svelteCheck('./wrong/tsconfig.json');
    assert.notEqual(wrong.status, 0);
    const errors = wrong.stdout.split('\n').filter((line) => / ERROR /.test(line));
    assert.equal(errors.length, 3, wrong.stdout);
    for (const [line, why] of [
      [7, "'string' is not assignable to type 'number'"],
      [8, 'later'],
      [9, 'code'],
    ]) {
      const error = errors.find((e) => e.includes(`Wrong.svelte" ${line}:`));
      assert.ok(error?.includes(why), `${line}: ${why}\n${wrong.stdout}`);
    }
  });

  it('builds with vite build, decodes JPEG-LS and JPEG 2000 (values checked), renders through Svelte', async () => {
    execFileSync(
      process.execPath,
      [bin('vite/bin/vite.js'), 'build', '--outDir', 'dist-svelte', '--logLevel', 'warn'],
      { cwd: app, stdio: 'inherit' },
    );
    await checkBuild(path.join(app, 'dist-svelte'));
  });
});
