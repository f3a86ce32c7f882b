// `npm run build`: npm library (ESM, one module per source file, .d.ts), standalone
// module for a plain <script type="module">, and the Custom Elements Manifest.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const step = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
step('npx', ['vite', 'build', '--logLevel', 'warn']);
step('npx', ['vite', 'build', '--mode', 'standalone', '--logLevel', 'warn']);
step('npx', ['tsc', '-p', 'tsconfig.build.json']);
step('npx', ['cem', 'analyze', '--quiet']);
// Typings from the manifest (dist/lib/jsx: courbaril/react, /preact, /vue, /svelte).
step('node', ['scripts/build/jsx-types.mjs', 'custom-elements.json', 'dist/lib/jsx']);
// React 18 and older: @lit/react wrappers (courbaril/react-wrapper; @lit/react is an optional peer).
step('node', ['scripts/build/react-wrapper.mjs', 'custom-elements.json', 'dist/lib/jsx']);
