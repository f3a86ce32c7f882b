// Issue 19: a React 19 + TypeScript app. `tsc --noEmit` passes on JSX that uses the elements'
// properties and typed events (and fails where a prop has the wrong type: @ts-expect-error
// lines in react-app/main.tsx); the Vite production build then decodes and renders, with
// React 19 setting `stack` as a property and listening through `oncb-image-rendered`.
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'vite';
import { checkBuild, installApp } from './consumer-app.mjs';

const REACT = {
  react: '^19',
  'react-dom': '^19',
  '@types/react': '^19',
  '@types/react-dom': '^19',
};

describe('consumer: React 19 + TypeScript', () => {
  const app = installApp('react', REACT, 'react-app');

  it('type-checks JSX using the elements’ properties and events (tsc --noEmit)', () => {
    const tsc = path.resolve(import.meta.dirname, '../../node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', path.join(app, 'tsconfig.json')], {
      stdio: 'inherit',
    });
  });

  it('builds with Vite, decodes JPEG-LS and JPEG 2000 (values checked), renders through React', async () => {
    const outDir = path.join(app, 'dist-react');
    await build({
      root: app,
      configFile: false,
      logLevel: 'warn',
      // What @vitejs/plugin-react does for JSX, without adding it to this test.
      oxc: { jsx: { runtime: 'automatic' } },
      build: { outDir, emptyOutDir: true },
    });
    await checkBuild(outDir);
  });
});
