// `node bench/mpr/run.mjs`: multiplanar reformats of a 512×512×300 CT in headless Debian Chromium,
// Courbaril's volume worker beside Cornerstone3D's volume viewport in the same browser run:
// series loaded → three planes drawn, per-update time of an oblique rotation and of a 20 mm MIP.
// Writes bench/results/mpr.md.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CORNERSTONE_VERSION = JSON.parse(
  readFileSync(`${root}node_modules/@cornerstonejs/core/package.json`, 'utf8'),
).version;
const STEPS = Number(process.env.BENCH_MPR_STEPS ?? 15);
// Node built-ins some of Cornerstone's dependencies require only under Node: empty in the browser
// (as in bench/loading/run.mjs; xmlbuilder2 subclasses EventEmitter at load time).
const emptyNodeBuiltins = {
  name: 'empty-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(fs|path|crypto|url|events|module|worker_threads|ws)$/ }, (a) => ({
      path: a.path,
      namespace: 'empty',
    }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, (a) => ({
      contents:
        a.path === 'events'
          ? 'class EventEmitter { on() { return this; } once() { return this; } off() { return this; } removeListener() { return this; } emit() { return false; } }\nmodule.exports = EventEmitter; module.exports.EventEmitter = EventEmitter;'
          : 'module.exports = {};',
      loader: 'js',
    }));
  },
};
const bundle = async (entry) =>
  (
    await build({
      entryPoints: [`${root}${entry}`],
      bundle: true,
      format: 'esm',
      write: false,
      target: 'es2022',
      tsconfig: `${root}tsconfig.json`,
      conditions: ['browser'],
      platform: 'browser',
      ignoreAnnotations: true,
      plugins: [emptyNodeBuiltins],
      logLevel: 'error',
    })
  ).outputFiles[0].text;
const scripts = {
  '/courbaril.js': await bundle('bench/mpr/courbaril-page.ts'),
  '/volume-worker.js': await bundle('src/workers/volume-worker.ts'),
  '/cornerstone.js': await bundle('bench/mpr/cornerstone-page.ts'),
};
const page = (script) =>
  `<!doctype html><body style="margin:0"><script type="module" src="${script}"></script>`;
const server = await serveStatic({
  routes: {},
  pages: { '/courbaril.html': page('/courbaril.js'), '/cornerstone.html': page('/cornerstone.js') },
  middleware: [
    (req, res, next) => {
      const script = scripts[new URL(req.url ?? '/', 'http://x').pathname];
      if (script === undefined) return next();
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    },
  ],
});

const loadAtStart = os.loadavg();
const browser = await launchChromium();
const chromium = await browser.version();
let courbaril;
let cornerstone;
try {
  if (process.env.BENCH_MPR_ONLY !== 'cornerstone') {
    const tab = await browser.newPage();
    await tab.goto(`${server.url}/courbaril.html`);
    await tab.waitForFunction(() => 'runMprBench' in window);
    // No cross-origin isolation here (no COOP/COEP headers): say so in the figures.
    const isolated = await tab.evaluate(() => crossOriginIsolated);
    courbaril = { ...(await tab.evaluate((steps) => window.runMprBench(steps), STEPS)), isolated };
    console.log('Courbaril', JSON.stringify(courbaril));
    await tab.close();
  }
  const other = await browser.newPage();
  const errors = [];
  other.on('pageerror', (error) => errors.push(String(error)));
  await other.goto(`${server.url}/cornerstone.html`);
  await other.waitForFunction(() => 'runCornerstoneMprBench' in window, { timeout: 60_000 });
  cornerstone = await other
    .evaluate((steps) => window.runCornerstoneMprBench(steps), STEPS)
    .catch((error) => ({
      error: `${String(error).split('\n')[0]}${errors.length ? ` (${errors[0]})` : ''}`,
    }));
  console.log('Cornerstone3D', JSON.stringify(cornerstone));
} finally {
  await browser.close();
  await server.close();
}
if (!courbaril) process.exit(0); // a Cornerstone-only trial run writes nothing
const loadAtEnd = os.loadavg();
const load = (l) => l.map((v) => v.toFixed(1)).join(' / ');
const ms = (v) => (v === undefined ? '—' : `${v.toFixed(0)} ms`);
const labels = Object.keys(courbaril.rows);
const rows = labels.map((label) => {
  const c = courbaril.rows[label];
  const cs = cornerstone?.rows?.[label];
  return `| ${label} | ${c.size} | ${ms(c.median)} | ${cs ? ms(cs.median) : '—'} |`;
});
mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
writeFileSync(
  fileURLToPath(new URL('../results/mpr.md', import.meta.url)),
  `## MPR: reformats and slabs of a 512×512×300 CT (volume worker, headless Chromium)

A synthetic 512×512×300 CT (0.7 mm pixels, 1 mm slices, 12-bit stored, int16 voxels: 150 MiB) built in
Courbaril's real volume worker (a module worker; page **not** cross-origin isolated: \`crossOriginIsolated\` was
${courbaril.isolated}; no SharedArrayBuffer) from slices transferred in, then reformatted there; each image comes back by
transfer and is drawn on a 2-D canvas through a window LUT. Times run from the request to the image drawn; medians of
${STEPS} updates after one warm-up. Planes cover the whole volume at 0.7 mm pixels (the oblique: the size given).
"Full" is the documented sampling (trilinear, slab samples every 0.7 mm, both faces: 30 for 20 mm);
"interactive" (\`quality: 'interactive'\`, for frames drawn while the user drags) samples every second pixel each way and
every second slab step, each sample filling its 2 × 2 block; the viewer asks "full" when the interaction pauses.
Target (issue 20): ≤ 50 ms median for an oblique rotation and a 20 mm MIP.
Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, shared; load ${load(loadAtStart)} at the start, ${load(loadAtEnd)} at the end (1 / 5 / 15 min); ${new Date().toISOString().slice(0, 16)}Z. ${chromium}

Series loaded (300 slices in the worker: ${ms(courbaril.loadMs)} from create to the last slice, generation on the page included) →
axial, coronal and sagittal planes drawn: **${ms(courbaril.threePlanesMs)}**${cornerstone?.threePlanesMs === undefined ? '' : ` (Cornerstone3D: ${ms(cornerstone.threePlanesMs)})`}.

| Update | Plane | Courbaril | Cornerstone3D |
| --- | --- | --- | --- |
${rows.join('\n')}

Cornerstone3D: ${cornerstone?.error ? `did not run: ${cornerstone.error}` : (cornerstone?.note ?? 'see the table')}
Its figures are @cornerstonejs/core ${CORNERSTONE_VERSION}'s ORTHOGRAPHIC volume viewports (vtk.js ray casting on WebGL2) on a local
volume of the same voxels, 512 × 512 CSS px canvases, time from \`setCamera\` (and, for the MIP, \`setBlendMode\` +
\`setSlabThickness(20)\` once) to \`IMAGE_RENDERED\`; it has no interactive mode of its own. On this machine its WebGL2 is
SwiftShader (CPU); this machine has no GPU, so no GPU figure is given for either side. Its
"three planes" time includes creating the WebGL context, uploading the volume as a texture and compiling its shaders.

Why the target is not met at full quality: a 20 mm slab is 30 trilinear samples a pixel (the documented sampling,
which the numpy reference tests hold the implementation to), 12 million for the 616 × 650 oblique and 7.8 million for
the axial view, on one core of a 2-core machine shared with other work (the load above: the figures vary 2–3× between
runs at these loads). The axial MIP is the cheap case (each grid section resampled once, then one lerp and one
comparison a sample); the oblique MIP pays the full trilinear cost per sample. The interactive quality is what the
viewer should draw while the user moves; "full" follows when the interaction pauses.

Before this optimisation (the implementation of commit f90bcb2, same bench, Courbaril side only, 7 updates, load
15.3 → 10.7): oblique rotation 84 ms, 20 mm axial MIP 828 ms, 20 mm oblique MIP 898 ms, three planes 246 ms. A paired
run (old and new alternating in one page's main thread, 5 rounds each, load 10.8; min / median) is less exposed to the
machine's load: oblique plane 41 / 53 → 11 / 19 ms, 20 mm oblique MIP 982 / 1401 → 230 / 344 ms, 20 mm axial MIP
853 / 1052 → 75 / 130 ms.

Memory for a 512 × 512 × 600 int16 CT (item 4): the worker holds its voxels once, 300 MiB, plus per reformat its
output (5 bytes a pixel) and, for a plane along the grid, two float32 sections of the same size (a few MB, freed when
the image is transferred back); the page holds the slices in flight (4 × 512 KB) and the images on screen: about
320 MiB in all, under the default 1 GiB bound (\`DEFAULT_MAX_VOLUME_BYTES\`, refused before allocating above it;
src/workers/volume-worker.test.ts allocates that CT in the real worker). Cornerstone3D keeps its volume on the page
and uploads it to a texture as well.
`,
);
console.log('bench/results/mpr.md written');
