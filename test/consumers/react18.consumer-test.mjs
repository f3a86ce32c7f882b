// Issue 19: a React 18 + TypeScript app. React < 19 sets custom element props as attributes
// and cannot listen to custom events, so it uses courbaril/react-wrapper (@lit/react
// createComponent wrappers): `tsc --noEmit` passes on typed props and events and fails on a
// wrong type (@ts-expect-error lines in react18-app/main.tsx); the Vite build then decodes and
// renders, the wrapper setting `stack` as a property and listening through onCbImageRendered.
import { describe, it } from 'node:test';
import { buildJsxApp, checkBuild, installApp, typeCheck } from './consumer-app.mjs';

const REACT18 = {
  react: '^18',
  'react-dom': '^18',
  '@types/react': '^18',
  '@types/react-dom': '^18',
  '@lit/react': '^1',
};

describe('consumer: React 18 + TypeScript (courbaril/react-wrapper)', () => {
  const app = installApp('reactwrapper', REACT18, 'react18-app');

  it('type-checks JSX using the wrappers’ properties and events (tsc --noEmit)', () => {
    typeCheck(app);
  });

  it('builds with Vite, decodes JPEG-LS and JPEG 2000 (values checked), renders through React 18', async () => {
    await checkBuild(await buildJsxApp(app));
  });
});
