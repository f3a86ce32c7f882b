// The floor side of bench/thin, measured: a page that only fetches the bytes the first image
// needs, in the fewest round trips, and decodes nothing. `mode=instance`: the middle instance's
// own metadata, then its frame (the bytes strictly needed); `mode=series`: the series metadata,
// then the middle frame (what the loaders of issue 18 fetched before it: "a page that only fetches
// the same frames"). The instance is named in the query, so no search is made.
import { reportFailure } from '../loading/bench-result.js';

const startedMs = performance.now();
const params = new URLSearchParams(location.search);

async function run(): Promise<void> {
  const root = params.get('root') ?? '/orthanc/dicom-web';
  const series = `${root}/studies/${params.get('study') ?? ''}/series/${params.get('series') ?? ''}`;
  const instance = `${series}/instances/${params.get('sop') ?? ''}`;
  const metadata = await fetch(`${params.get('mode') === 'series' ? series : instance}/metadata`, {
    headers: { Accept: 'application/dicom+json' },
  });
  const json: unknown = await metadata.json();
  if (!Array.isArray(json) || json.length === 0) throw new Error('no metadata');
  const metadataMs = performance.now() - startedMs;
  const frame = await fetch(`${instance}/frames/1`, {
    headers: { Accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' },
  });
  const bytes = (await frame.arrayBuffer()).byteLength;
  const firstMs = performance.now() - startedMs;
  window.benchResult = {
    firstMs,
    startedMs,
    allMs: firstMs,
    frames: 1,
    checksum: bytes,
    metadataMs,
  };
}

run().catch(reportFailure);
