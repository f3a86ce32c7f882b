// Issue 19: a Vue 3 + TypeScript app. `vue-tsc --noEmit` passes on a template that uses the
// elements' properties and typed events through courbaril/vue's GlobalComponents (and fails
// where a prop or handler has the wrong type: @vue-expect-error lines in vue-app/Viewer.vue);
// its own `vite build` with the README's vite.config.ts then decodes and renders in Chromium.
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { checkBuild, installApp } from './consumer-app.mjs';

const VUE = {
  vue: '^3.5',
  'vue-tsc': '^3',
  '@vitejs/plugin-vue': '^6',
  vite: '8.3.4',
  typescript: '~5.9',
};

describe('consumer: Vue 3 + TypeScript', () => {
  const app = installApp('vue', VUE, 'vue-app');
  const bin = (file) => path.join(app, 'node_modules', file);

  it('type-checks a template using the elements’ properties and events (vue-tsc --noEmit)', () => {
    execFileSync(process.execPath, [bin('vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', app], {
      cwd: app,
      stdio: 'inherit',
    });
  });

  it('builds with vite build, decodes JPEG-LS and JPEG 2000 (values checked), renders through Vue', async () => {
    execFileSync(
      process.execPath,
      [bin('vite/bin/vite.js'), 'build', '--outDir', 'dist-vue', '--logLevel', 'warn'],
      {
        cwd: app,
        stdio: 'inherit',
      },
    );
    await checkBuild(path.join(app, 'dist-vue'));
  });
});
