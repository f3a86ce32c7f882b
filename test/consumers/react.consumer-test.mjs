// Issue 19: a React 19 + TypeScript app. `tsc --noEmit` passes on JSX that uses the elements'
// properties and typed events (and fails where a prop has the wrong type: @ts-expect-error
// lines in react-app/main.tsx); the Vite production build then decodes and renders, with
// React 19 setting `stack` as a property and listening through `oncb-image-rendered`.
import { describe, it } from 'node:test';
import { buildJsxApp, checkBuild, installApp, typeCheck } from './consumer-app.mjs';

const REACT = {
  react: '^19',
  'react-dom': '^19',
  '@types/react': '^19',
  '@types/react-dom': '^19',
};

describe('consumer: React 19 + TypeScript', () => {
  const app = installApp('react', REACT, 'react-app');

  it('type-checks JSX using the elements’ properties and events (tsc --noEmit)', () => {
    typeCheck(app);
  });

  it('builds with Vite, decodes JPEG-LS and JPEG 2000 (values checked), renders through React', async () => {
    await checkBuild(await buildJsxApp(app));
  });
});
