// Issue 19: a React 18 + TypeScript app. React < 19 sets custom element props as attributes
// and cannot listen to custom events, so it uses courbaril/react-wrapper (@lit/react
// createComponent wrappers): `tsc --noEmit` passes on typed props and events and fails on a
// wrong type (@ts-expect-error lines in react18-app/main.tsx); the Vite build then decodes and
// renders, the wrapper setting `stack` as a property and listening through onCbImageRendered.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

  it('imports in Node and renders on the server (courbaril/react-wrapper, server rendering)', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { createElement } = await import('react');
         const { renderToString } = await import('react-dom/server');
         const { CbViewport } = await import('courbaril/react-wrapper');
         console.log(JSON.stringify({ document: typeof document, window: typeof window,
           html: renderToString(createElement(CbViewport, { overlay: 'off' })) }));`,
      ],
      { cwd: app, encoding: 'utf8' },
    );
    const result = JSON.parse(out.trim().split('\n').pop());
    assert.equal(result.document, 'undefined');
    assert.equal(result.window, 'undefined');
    // The wrapper sets element properties from a ref, in the browser: the server writes the tag.
    assert.match(result.html, /^<cb-viewport[\s>]/);
  });

  it('builds with Vite, decodes JPEG-LS and JPEG 2000 (values checked), renders through React 18', async () => {
    await checkBuild(await buildJsxApp(app));
  });
});
