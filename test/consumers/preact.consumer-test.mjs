// Issue 19: the generated Preact typings (courbaril/preact) type-check a Preact + TypeScript
// app that uses the elements' properties and typed events, and reject wrong prop types.
import { describe, it } from 'node:test';
import { installApp, typeCheck } from './consumer-app.mjs';

describe('consumer: Preact + TypeScript', () => {
  it('type-checks JSX using the elements’ properties and events (tsc --noEmit)', () => {
    const app = installApp('preact', { preact: '^10' }, 'preact-app');
    typeCheck(app);
  });
});
