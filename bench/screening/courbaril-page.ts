// Courbaril side of the screening bench: the eight views of a screening case (four current, four
// prior) loaded at once as <cb-viewer> hangs them (each view on screen: priority `visible`, its
// rank the hanging order), with the loader classes a viewer uses — DicomwebClient,
// RetrievalScheduler, DicomwebFrameLoader with progressive previews, DecodePool — and nothing drawn.
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { RetrievalPriority } from '../../src/dicomweb/retrieval-request.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import type { DicomJsonObject } from '../../src/dicomweb/dicom-json-values.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { reportFailure, type ScreeningResult } from './bench-result.js';

const params = new URLSearchParams(location.search);

async function run(): Promise<void> {
  const started = performance.now();
  const root = params.get('root') ?? '/orthanc/dicom-web';
  const studies = (params.get('studies') ?? '').split(',');
  const requests: ScreeningResult['requests'] = [];
  const client = new DicomwebClient({
    url: root,
    fetch: (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/frames/'))
        requests.push({
          path: url.replace(/^.*\/instances\//, ''),
          range: new Headers(init?.headers).get('range') ?? '',
          at: performance.now() - started,
        });
      return fetch(input, init);
    },
  });
  const scheduler = new RetrievalScheduler(client);
  const pool = new DecodePool({ size: Number(params.get('workers') ?? 2), taskTimeoutMs: 600_000 });
  const frameLoader = new DicomwebFrameLoader({ pool });
  const metadata = await Promise.all(studies.map((study) => client.retrieveStudyMetadata(study)));
  const metadataMs = performance.now() - started;
  const slices = metadata.flatMap((instances, i) => {
    const series = new Map<string, DicomJsonObject[]>();
    for (const instance of instances) {
      const value = instance['0020000E']?.Value?.[0];
      const uid = typeof value === 'string' ? value : '';
      series.set(uid, [...(series.get(uid) ?? []), instance]);
    }
    return [...series].flatMap(
      ([seriesInstanceUid, members]) =>
        new SeriesLoader({
          client,
          scheduler,
          studyInstanceUid: studies[i] ?? '',
          seriesInstanceUid,
          instances: members,
        }).slices,
    );
  });
  const signal = new AbortController().signal;
  const order: string[] = [];
  const coarse = new Set<number>();
  let previews = 0;
  let previewsMs = 0;
  let checksum = 0;
  const seen = (view: number): void => {
    coarse.add(view);
    if (coarse.size === slices.length && !previewsMs) previewsMs = performance.now() - started;
  };
  await Promise.all(
    slices.map((slice, view) =>
      frameLoader
        .load(slice.dataset, slice.frameIndex, {
          signal,
          priority: RetrievalPriority.visible + view,
          onPreview: () => {
            if (coarse.has(view)) return;
            order.push(`P${view}@${(performance.now() - started).toFixed(0)}`);
            previews++;
            seen(view);
          },
        })
        .then((frame) => {
          order.push(`F${view}@${(performance.now() - started).toFixed(0)}`);
          seen(view);
          checksum += frame.pixels[frame.pixels.length >> 1] ?? 0;
        }),
    ),
  );
  window.screeningResult = {
    metadataMs,
    previewsMs,
    fullMs: performance.now() - started,
    previews,
    views: slices.length,
    requests,
    order,
    checksum,
  };
  if (params.has('debug'))
    for (const e of performance.getEntriesByType('resource'))
      if (!e.name.includes('/frames/'))
        console.log(
          `resource ${e.name.slice(-50)} ${e.startTime.toFixed(0)}–${(e as PerformanceResourceTiming).responseEnd.toFixed(0)} ms`,
        );
  pool.dispose();
}

run().catch(reportFailure);
