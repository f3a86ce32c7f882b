// Writes bench/results/screening.md from bench/screening/run.mjs's measurements: medians, the link
// floor (bytes ÷ rate + the unavoidable round trips), ratios and the targets of issues 16 and 18.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODECS } from './data.mjs';

/** Bytes of each view asked for first (DicomwebFrameLoader's default preview threshold, 128 KiB). */
const PREVIEW_BYTES = 128 * 1024;
/** Metadata, then the frames: two requests in sequence, each one round trip at least. */
const ROUND_TRIPS = 2;

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : 'n/a');
const ratio = (a, b) =>
  Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}×` : 'n/a';

/**
 * @param {{ root: string, results: { link: { key: string, name: string, repeats: number }, codec: string,
 *   server: string, runs: Record<string, object[]> }[], next: { phase: string, codec: string, server: string,
 *   runs: object[] }[], manifest: import('./data.mjs').Manifest,
 *   thin: { mbps: number, delayMs: number }, loadAtStart: number[], metadataBytes: number }} input
 */
export function writeReport({
  root,
  results,
  next,
  manifest,
  thin,
  linkChecks = [],
  loadAtStart,
  metadataBytes,
}) {
  const patient = manifest.cases[0]?.patientId ?? '';
  const floor = (bytes) => ((bytes * 8) / (thin.mbps * 1e6)) * 1000 + ROUND_TRIPS * thin.delayMs;
  const ok = (runs) => runs.filter((r) => !('error' in r));
  const errorOf = (runs) => runs.find((r) => 'error' in r)?.error;
  const rows = results.map(({ link, codec, server, runs }) => {
    const c = ok(runs.courbaril ?? []);
    const k = ok(runs.cornerstone ?? []);
    const frameBytes = manifest.bytes[codec]?.[patient] ?? NaN;
    const isThin = link.key === 'thin';
    const previewFloor = isThin ? floor(metadataBytes + 8 * PREVIEW_BYTES) : NaN;
    const fullFloor = isThin ? floor(metadataBytes + frameBytes) : NaN;
    const cPreview = median(c.map((r) => r.previewsMs));
    const cFull = median(c.map((r) => r.fullMs));
    const kFull = median(k.map((r) => r.fullMs));
    const coarse = median(c.map((r) => r.previews));
    const cornerstone = k.length
      ? ms(kFull)
      : runs.cornerstone?.length
        ? `fails: ${errorOf(runs.cornerstone)}`
        : 'not run';
    return `| ${link.name} | ${CODECS[codec].label} | ${server === 'static' ? 'static tree (ranges)' : 'Orthanc (multipart)'} | ${c.length ? `${ms(cPreview)} (${coarse} of 8 coarse)` : `fails: ${errorOf(runs.courbaril ?? [])}`} | ${ms(cFull)} | ${cornerstone} | ${ratio(cFull, kFull)} | ${isThin ? `${ms(previewFloor)} / ${ms(fullFloor)}` : '-'} | ${isThin ? `${ratio(cPreview, previewFloor)} / **${ratio(cFull, fullFloor)}**` : '-'} | ${c.length}+${k.length} |`;
  });
  const nextRows = next.map(({ phase, codec, server, runs }) => {
    const good = ok(runs);
    return `| ${phase === 'memory' ? 'decoded, in the viewer’s memory' : 'in the IndexedDB cache (compressed), fresh page'} | ${CODECS[codec].label}, ${server} | ${good.length ? ms(median(good.map((r) => r.previewMs))) : `fails: ${errorOf(runs)}`} | **${ms(median(good.map((r) => r.nextMs)))}** | ${median(good.map((r) => r.frameRequests))} | ${good.length} |`;
  });
  const load = `${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} at the start, ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end (1 / 5 / 15 min)`;
  const sizes = manifest.views.map((v) => `${v.columns}×${v.rows} (${v.visit})`).join(', ');
  const mb = (codec) => ((manifest.bytes[codec]?.[patient] ?? 0) / 1e6).toFixed(1);
  const notes = readNotes(root);
  const checks = linkChecks
    .map(
      (c) =>
        `${CODECS[c.codec].label}: ${(c.bytes / 1e6).toFixed(1)} MB in ${ms(c.ms)}, ${((c.bytes * 8) / 1e3 / c.ms).toFixed(1)} Mbit/s (floor ${ms(floor(c.bytes))})`,
    )
    .join('; ');
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/screening.md'),
    `## Screening mammography: eight views at once (issues 16 and 18)

A screening case of eight views — four current ${sizes.split(', ')[0]}, four prior ${sizes.split(', ')[1]} — 12-bit
MONOCHROME2 drawn by the demo phantom, coded lossless twice by Debian's native encoders: JPEG 2000 (opj_compress,
6 resolution levels, one layer; ${mb('j2k')} MB of codestreams) and HTJ2K (ojph_compress, 5 decompositions; ${mb('htj2k')} MB).
The phantom's per-pixel noise makes it compress worse (≈ 2:1) than most clinical mammograms (≈ 2.5–3.5:1): more bytes, a
harder case for the link. Served by Orthanc 1.10 (frames as multipart/related only, no byte ranges) and by a static
DICOMweb tree (scripts/static-dicomweb.mjs: single frames as bare bodies with HTTP \`Range\`), each through a Node
same-origin proxy, over loopback and through the fault proxy at ${thin.mbps} Mbit/s (one shared link) with ${thin.delayMs} ms added to
every request. Fresh browser context per run (cold: no HTTP cache, no IndexedDB, codecs downloaded and compiled),
2 decode workers per side, sides alternated. Times from page script start; both studies' metadata is fetched first.

- **Courbaril**: DicomwebClient + RetrievalScheduler + DicomwebFrameLoader (progressive previews) + DecodePool, the
  eight views asked for at once at priority \`visible\` as \`<cb-viewer>\` hangs them, nothing drawn. "8 previews" = every
  view decoded at least coarsely (a reduced-resolution decode of its first ${PREVIEW_BYTES / 1024} KiB, or the full image if that came
  first); "8 full" = every view decoded at full resolution.
- **Cornerstone**: @cornerstonejs/dicom-image-loader ${pkgVersion(root, '@cornerstonejs/dicom-image-loader')} (\`wadors:\`, default options, the loader OHIF uses):
  no preview stage, a view's first picture is its full image.
- **Floor** (thin link only): bytes ÷ rate + ${ROUND_TRIPS} round trips (metadata, then the frames): for the previews, the
  metadata (${(metadataBytes / 1000).toFixed(0)} KB) and ${PREVIEW_BYTES / 1024} KiB of each view; for full resolution, the metadata and every codestream.
  Targets: 8 previews ≤ 2 s at ${thin.mbps} Mbit/s; 8 full ≤ 1.1× the floor.

${checks ? `What the fault proxy delivers on this machine, measured in the same run (a Node client fetching the eight frames at once, bare, from the static tree through the thin link, nothing decoded): ${checks}. The proxy throttles in its own event loop, in the same Node process as the servers and proxies: on this shared machine it falls short of the nominal rate, and that shortfall counts against every loader, not in the floor.\n\n` : ''}Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, shared with other work; load ${load}. Measured ${new Date().toISOString().slice(0, 16)}Z.

| Link | Codec | Server | Courbaril 8 previews | Courbaril 8 full | Cornerstone 8 full | Courbaril ÷ Cornerstone (full) | Floor previews / full | Courbaril ÷ floor (previews / full) | Runs |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

### Next case of a reading list

\`<cb-viewer compare="prior">\` (eight views hung) showing case A, then told \`patient-id\` = case B (the same
eight images under other UIDs), over loopback: the time from that change to the eighth view drawn at full resolution
(\`cb-image-rendered\`, \`quality: 'full'\`). \`<cb-screening-reading>\` and its next-case prefetch (branch h-reading)
had not landed when this was measured: the two rows are what such a prefetch leaves behind — the case's images decoded
in the viewer's memory (B opened, then A, then B again, memory budget 1 GiB), or only its compressed frames in the
IndexedDB cache (B opened by an earlier page of the same profile). Target: ≤ 300 ms.

| Case B is | Codec, server | 8 views drawn (any quality) | 8 views at full resolution | Frame requests | Runs |
| --- | --- | --- | --- | --- | --- |
${nextRows.join('\n')}
${notes}`,
  );
  console.log('bench/results/screening.md written');
}

/** Hand-written analysis kept beside the bench (bench/screening/NOTES.md), appended as is. */
function readNotes(root) {
  try {
    return `\n${readFileSync(path.join(root, 'bench/screening/NOTES.md'), 'utf8').trim()}\n`;
  } catch {
    return '';
  }
}

function pkgVersion(root, name) {
  return JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'))
    .version;
}
