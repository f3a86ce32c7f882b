// The one step esbuild and Rollup need (they do not follow `new Worker(new URL(…))`): serve a
// copy of node_modules/courbaril/dist/standalone/ and say where (README, "esbuild and Rollup").
import { configureWorkers } from 'courbaril';
import './main.js';

// The README's line: the copy is served at /courbaril/ beside the page.
configureWorkers({ assetBase: '/courbaril/' });
