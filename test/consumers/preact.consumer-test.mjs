// Issue 19: the generated Preact typings (courbaril/preact) type-check a Preact + TypeScript
// app that uses the elements' properties and typed events, and reject wrong prop types
// (@ts-expect-error lines in preact-app/main.tsx); the Vite production build then decodes and
// renders, Preact setting `stack` as a property and listening through `oncb-image-rendered`.
import { describe, it } from 'node:test';
import { buildJsxApp, checkBuild, installApp, typeCheck } from './consumer-app.mjs';

describe('consumer: Preact + TypeScript', () => {
  const app = installApp('preact', { preact: '^10' }, 'preact-app');

  it('type-checks JSX using the elements’ properties and events (tsc --noEmit)', () => {
    typeCheck(app);
  });

  it('builds with Vite, decodes JPEG-LS and JPEG 2000 (values checked), renders through Preact', async () => {
    await checkBuild(await buildJsxApp(app, 'preact'));
  });
});
