// bench/results/thin.md from bench/thin/run.mjs's measurements: floors, side-by-side medians,
// ratios to the floor, bytes sent against bytes needed, and the cold-start breakdown.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Round trips no loader can avoid on a cold page: the TCP handshake (no connection is open yet),
 * one request that names the displayed instance and returns its metadata, then the frame request
 * (its URL needs the SOP Instance UID, so it cannot leave before the first answer). The whole
 * series needs no more: every other request can overlap those on parallel connections.
 */
export const FLOOR_ROUND_TRIPS = 3;

function median(values) {
  // Infinity stays: a first image later than the bench's limit (reported as "> limit").
  const sorted = values.filter((v) => v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

let limitMs = Infinity;
const ms = (v) =>
  v === undefined
    ? '-'
    : v === Infinity
      ? `> ${(limitMs / 1000).toFixed(0)} s`
      : `${v.toFixed(0)} ms`;
const times = (v) => (v === Infinity ? `> ${(limitMs / floorOf).toFixed(0)}×` : `${v.toFixed(1)}×`);
let floorOf = 1;
const kb = (v) =>
  v === undefined ? '-' : v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : `${(v / 1e3).toFixed(0)} kB`;

/** Floor time in ms: bytes at the link's rate plus the unavoidable round trips. */
export function floorMs(faults, bytes) {
  const wire = faults.mbps ? (bytes * 8) / (faults.mbps * 1000) : 0;
  return FLOOR_ROUND_TRIPS * (faults.rttMs ?? 0) + wire;
}

/**
 * Issue 18 item 3's target for a first picture: 2 round trips plus ~50 kB at the link's rate
 * (what a server-rendered preview or the first bytes of a progressive codestream need once the
 * slice is known).
 */
export const PICTURE_ROUND_TRIPS = 2;
export const PICTURE_BYTES = 50_000;

function pictureTargetMs(faults) {
  const wire = faults.mbps ? (PICTURE_BYTES * 8) / (faults.mbps * 1000) : 0;
  return PICTURE_ROUND_TRIPS * (faults.rttMs ?? 0) + wire;
}

/** The viewer's first picture (any quality) per link, against item 3's target. */
function pictureRows(first) {
  return first
    .filter(({ runs }) => runs.viewer?.some((r) => r.pictureMs !== undefined))
    .map(({ link, runs }) => {
      const seen = runs.viewer.filter((r) => r.pictureMs !== undefined);
      const t = median(seen.map((r) => r.pictureMs));
      const full = median(runs.viewer.map((r) => r.firstMs));
      const previews = seen.filter((r) => r.pictureQuality !== 'full').length;
      const target = link.faults.mbps ? pictureTargetMs(link.faults) : undefined;
      const ratio = target ? ` (**${(t / target).toFixed(1)}×** the target)` : '';
      return `| ${link.name} | ${target ? ms(target) : '- (no rate)'} | ${ms(t)}${ratio} | ${previews} of ${seen.length} | ${kb(median(seen.map((r) => r.pictureBytes)))} | ${ms(full)} |`;
    });
}

function describeLink(faults) {
  if (!faults.mbps) return 'no emulation';
  const jitter = faults.jitterMs ? ` ± ${faults.jitterMs} ms (seed ${faults.seed ?? 1})` : '';
  return `${faults.mbps} Mbit/s, ${faults.rttMs} ms${jitter}`;
}

export function writeReport({
  root,
  series,
  needed,
  first,
  whole,
  sides,
  workers,
  firstLimitMs,
  loadAtStart,
  minutes,
}) {
  limitMs = firstLimitMs;
  const firstNeeded = needed.instanceMetadata + needed.middleFrame;
  const allNeeded = needed.seriesMetadata + needed.frames;
  const shown = ['viewer', 'courbaril', 'cornerstone'].filter((side) =>
    first.some((f) => f.runs[side]?.length),
  );
  const firstRows = first.map(({ link, runs }) => {
    const loopback = !link.faults.mbps;
    const measuredFloor = median((runs['fetch-instance'] ?? []).map((r) => r.firstMs));
    // Loopback has no rate and no round trip to compute from: its floor is the bare-fetch page.
    const floor = loopback ? measuredFloor : floorMs(link.faults, firstNeeded);
    const cell = (side) => {
      const t = median((runs[side] ?? []).map((r) => r.firstMs));
      if (t === undefined) return '-';
      const b = median(runs[side].map((r) => r.bytes));
      floorOf = floor;
      return `${ms(t)} (**${times(t / floor)}**, ${kb(b)})`;
    };
    const fetchSeries = median((runs['fetch-series'] ?? []).map((r) => r.firstMs));
    return `| ${link.name} (${describeLink(link.faults)}; median of ${link.repeats}) | ${loopback ? `${ms(floor)} (measured)` : ms(floor)} | ${loopback ? '-' : ms(measuredFloor)} | ${ms(fetchSeries)} | ${shown.map(cell).join(' | ')} |`;
  });
  const wholeRows = whole.map(({ link, runs }) => {
    const loopback = !link.faults.mbps;
    const floor = loopback ? undefined : floorMs(link.faults, allNeeded);
    const cell = (side) => {
      const t = median((runs[side] ?? []).map((r) => r.allMs));
      if (t === undefined) return '-';
      const b = median(runs[side].map((r) => r.bytes));
      return `${ms(t)} (${floor ? `**${(t / floor).toFixed(2)}×**, ` : ''}${kb(b)})`;
    };
    const repeats = runs.courbaril?.length ?? 0;
    return `| ${link.name} (median of ${repeats}) | ${floor ? ms(floor) : '- (no rate)'} | ${cell('courbaril')} | ${cell('cornerstone')} |`;
  });
  const loopback = first.find(({ link }) => !link.faults.mbps);
  const steps = [
    ['script', 'page script starts (bundle loaded and run)'],
    ['firstRequest', 'first DICOMweb request sent'],
    ['metadataSent', 'metadata request sent'],
    ['workerReady', 'decode worker ready'],
    ['metadataIn', 'metadata arrived'],
    ['codecReady', 'codec compiled (WebAssembly instantiated)'],
    ['renderContextStart', 'rendering context: creation starts'],
    ['renderContext', 'rendering context created (WebGL2, shaders compiled)'],
    ['frameSent', 'displayed frame requested'],
    ['frameIn', 'displayed frame arrived'],
    ['decoded', 'first decode done (worker)'],
    ['drawn', 'first image (drawn: `<cb-viewer>`; decoded: loader; fetched: bare fetch)'],
  ];
  const breakdownSides = ['viewer', 'courbaril', 'fetch-instance'].filter(
    (side) => loopback?.runs[side]?.length,
  );
  const breakdown = steps.map(([key, label]) => {
    const cells = breakdownSides.map((side) =>
      ms(median(loopback.runs[side].map((r) => r.timeline?.[key]))),
    );
    return `| ${label} | ${cells.join(' | ')} |`;
  });
  const verdicts = coldVerdicts(loopback, sides);
  const load = `${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} at the start, ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end (1 / 5 / 15 min)`;
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const text = `## Thin links: first image and whole series against the floor

${series.slices}-slice 512² 12-bit CT, JPEG-LS lossless (the loading bench's series), served by Orthanc 1.10 (no gzip)
through the fault proxy's link model (scripts/test/fault-proxy.mjs): one link shared by all responses at the given
rate; each response starts one round trip after its request (half up, half down, every byte delayed by the half
down after it leaves the link) and a new connection pays one more round trip (TCP handshake); the 4G-like link
draws each request's round trip uniformly in rtt ± jitter from a seeded generator. Only DICOMweb crosses the link:
the page and its workers' scripts and \`.wasm\` come from the local origin (a portal served in the surgery).
Every run is a cold page: a fresh browser context (no HTTP cache, no IndexedDB, no compiled code), ${workers} decode workers,
runs alternated. Times are from the navigation to the middle slice's first image: drawn (\`<cb-viewer>\`, first
\`cb-image-rendered\` of quality 'full'), decoded (Courbaril's loader classes, as in bench/loading; Cornerstone's
wadors: loader), or fetched (bare fetch). Ratios are to the floor. Bytes are what had crossed the link when the first image
was there (fault proxy counters: response bodies, HTTP headers not counted).

**The floor.** First image: the bytes strictly needed — the displayed instance's own metadata
(${kb(needed.instanceMetadata)}, WADO-RS instance metadata) and its frame (${kb(needed.middleFrame)}, one multipart part) = ${kb(firstNeeded)} —
at the link's rate, plus ${FLOOR_ROUND_TRIPS} round trips: the TCP handshake of a cold page, the metadata request, and the
frame request, which cannot leave before the metadata names the instance. The list of the series' instances that
picks the middle slice is not counted (a lower floor than any client can reach from a series UID alone).
Whole series: everything — the series metadata (${kb(needed.seriesMetadata)}) and every frame (${kb(needed.frames)}) = ${kb(allNeeded)} —
at the rate, plus the same ${FLOOR_ROUND_TRIPS} round trips (every other request overlaps them). On loopback there is no rate to divide
by: the floor is the measured bare-fetch page (instance metadata, then the frame; no decode, no drawing).
"Bare fetch (series metadata)" is the same page fetching the whole series' metadata first (what loaders that
read the series metadata before the first frame must move).

### First image (middle slice)

| Link | Floor | Bare fetch (instance), measured | Bare fetch (series metadata) | ${shown.map((s) => `${sides[s].label}: time (× floor, bytes sent)`).join(' | ')} |
| --- | --- | --- | --- | ${shown.map(() => '---').join(' | ')} |
${firstRows.join('\n')}

Bytes needed for the first image: ${kb(firstNeeded)}. A first image not there after ${(firstLimitMs / 1000).toFixed(0)} s is shown as "> ${(firstLimitMs / 1000).toFixed(0)} s"
(the section's time budget; its bytes are those sent by then).

### Whole series

| Link | Floor | Courbaril loader (× floor, bytes sent) | Cornerstone loader (× floor, bytes sent) |
| --- | --- | --- | --- |
${wholeRows.join('\n')}

Bytes needed for the whole series: ${kb(allNeeded)}. Links under 30 Mbit/s are not run whole (a minute or more a run).

### First picture in \`<cb-viewer>\` (item 3)

| Link | Target: ${PICTURE_ROUND_TRIPS} round trips + ${kb(PICTURE_BYTES)} | First picture, any quality (median) | Runs whose first picture was a labelled preview | Bytes sent by then | First diagnostic image (median) |
| --- | --- | --- | --- | --- | --- |
${pictureRows(first).join('\n')}

The first \`cb-image-rendered\` of any quality ('preview': a server-rendered \`/rendered\` image or a reduced
decode, labelled on screen; 'full': the diagnostic image came first), from the navigation.

### Cold start on loopback, step by step (medians, ms from the navigation)

| Step | ${breakdownSides.map((s) => sides[s].label).join(' | ')} |
| --- | ${breakdownSides.map(() => '---').join(' | ')} |
${breakdown.join('\n')}

Worker steps are the decode workers' own User Timing marks (\`courbaril:decode-worker-ready\`,
\`courbaril:codec-ready:<codec>\`, \`courbaril:first-decode\`), read in each worker and moved to the page's clock;
network steps are the page's Resource Timing entries.

Where each cold first image went (item 7 target: ≤ 2× the bare-fetch floor on loopback), from the medians above:

${verdicts.join('\n')}

@cornerstonejs/dicom-image-loader ${pkgVersion(root, '@cornerstonejs/dicom-image-loader')}. Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'},
shared with other work; load ${load}. Section measured ${new Date().toISOString()} in ${minutes.toFixed(1)} min.
`;
  writeFileSync(path.join(root, 'bench/results/thin.md'), text);
  console.log(text);
  console.log('bench/results/thin.md written');
}

/**
 * One line per Courbaril side: the cold first image against the bare-fetch floor, cut into the
 * spans the breakdown measures, and whether the warm-up was done before the metadata arrived.
 */
function coldVerdicts(loopback, sides) {
  if (!loopback) return [];
  const at = (side, key) => median((loopback.runs[side] ?? []).map((r) => r.timeline?.[key]));
  const floor = median((loopback.runs['fetch-instance'] ?? []).map((r) => r.firstMs));
  const floorMetadata = at('fetch-instance', 'metadataIn') - at('fetch-instance', 'metadataSent');
  return ['viewer', 'courbaril']
    .filter((side) => loopback.runs[side]?.length && floor)
    .map((side) => {
      const first = median(loopback.runs[side].map((r) => r.firstMs));
      const span = (a, b) => ms(at(side, b) - at(side, a));
      const ready = Math.max(
        at(side, 'workerReady') ?? Infinity,
        at(side, 'codecReady') ?? Infinity,
      );
      const ahead = at(side, 'metadataIn') - ready;
      return `- ${sides[side].label}: ${ms(first)} = **${(first / floor).toFixed(1)}×** the floor (${ms(floor)}; target ≤ 2×: ${first <= 2 * floor ? 'met' : 'missed'}). Until the metadata request leaves: ${ms(at(side, 'metadataSent'))}; metadata in flight: ${span('metadataSent', 'metadataIn')} (the floor's own instance metadata: ${ms(floorMetadata)}); metadata to frame request: ${span('metadataIn', 'frameSent')}; frame in flight: ${span('frameSent', 'frameIn')}; frame to image: ${span('frameIn', 'drawn')}. Worker and codec ${Number.isFinite(ahead) ? (ahead >= 0 ? `ready ${ms(ahead)} before the metadata arrived` : `ready ${ms(-ahead)} after the metadata arrived`) : 'not seen'}.`;
    });
}

function pkgVersion(root, name) {
  return JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'))
    .version;
}
