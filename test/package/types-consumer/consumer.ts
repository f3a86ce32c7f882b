// A vendor's TypeScript file against the published declarations (dist/lib, through the package's
// own `exports`), checked with skipLibCheck off: a declaration that breaks once `@internal`
// members are stripped (a class implementing an interface whose members are internal) fails here,
// inside `npm test`, rather than only in `npm run test:consumers`. The JSX entries need their
// frameworks' types, which only the consumer apps install: they stay in test:consumers.
import * as courbaril from 'courbaril';
import type { CbMpr, CbViewer, CbViewport } from 'courbaril';
import 'courbaril/define';
import * as standalone from 'courbaril/standalone';

const viewer: CbViewer | null = document.querySelector('cb-viewer');
const viewport: CbViewport = document.createElement('cb-viewport');
const mpr: CbMpr = document.createElement('cb-mpr');
export const used = [courbaril, standalone, viewer, viewport, mpr];
