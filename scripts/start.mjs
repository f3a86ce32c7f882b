// `npm start`: installs dependencies if missing, generates the demo data if missing,
// serves the demo portal on localhost and prints its URL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureNodeModules } from './test/environment.mjs';

ensureNodeModules();
if (!process.env.DICOMWEB_URL && !existsSync('demo/data/manifest.json')) {
  console.log('Generating the demo DICOMweb data (npm run demo:data)…');
  const generate = spawn('node', ['scripts/demo-data/generate.mjs', '--out', 'demo/data'], {
    stdio: 'inherit',
  });
  const code = await new Promise((resolve) => generate.on('exit', resolve));
  if (code !== 0) process.exit(code ?? 1);
}
const port = process.env.PORT ?? '5173';
const server = spawn('npx', ['vite', '--port', port, '--strictPort', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
