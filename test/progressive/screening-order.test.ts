/**
 * Eight large progressive views at once (a screening case: four current, four prior mammograms)
 * on one server: every view's first bytes — its preview — come before any view's rest. With six
 * connections, the seventh view's preview would otherwise wait for a whole mammogram (issue 18,
 * item 4). The demo's two mammography studies from the static tree (single frames with HTTP byte
 * ranges). The multipart-only case (Orthanc: a stream gives way to a view still waiting) is pinned
 * in src/dicomweb/rest-turns.test.ts: the demo's 66 KB mammograms arrive in one or two network
 * chunks, too coarse to watch a stream pass its preview's bytes through the fault proxy.
 */
import { expect } from '@open-wc/testing';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import {
  DicomwebFrameLoader,
  poolPreviewDecoder,
} from '../../src/dicomweb/dicomweb-frame-loader.js';
import { MemorySeriesStore } from '../../src/dicomweb/memory-series-store.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { RetrievalPriority } from '../../src/dicomweb/retrieval-request.js';
import { SeriesLoader, type Slice } from '../../src/dicomweb/series-loader.js';
import type { DicomJsonObject } from '../../src/dicomweb/dicom-json-values.js';
import { isPreviewFrame } from '../../src/dicom/preview-frame.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { countingFetch } from '../dicomweb/dicomweb-fixtures.js';

const STATIC = '/static-dicom-web';
const DATA = '/test/.tmp/data';
/** Of a ~66 KB demo mammogram: a coarse level, and a small share of the bytes. */
const PREVIEW_BYTES = 8 * 1024;

interface DemoManifest {
  readonly studies: Record<string, { readonly studyInstanceUid: string }>;
}

/** The eight views of the demo's screening case (current and prior mammography), in hanging order. */
async function eightViews(client: DicomwebClient, store: MemorySeriesStore): Promise<Slice[]> {
  const manifest = (await (await fetch(`${DATA}/manifest.json`)).json()) as DemoManifest;
  const scheduler = new RetrievalScheduler(client);
  const slices: Slice[] = [];
  for (const key of ['currentMg', 'priorMg']) {
    const study = manifest.studies[key]?.studyInstanceUid ?? '';
    const series = new Map<string, DicomJsonObject[]>();
    for (const instance of await client.retrieveStudyMetadata(study)) {
      if (instance['00080060']?.Value?.[0] !== 'MG') continue;
      const uid = String(instance['0020000E']?.Value?.[0]);
      series.set(uid, [...(series.get(uid) ?? []), instance]);
    }
    for (const [seriesInstanceUid, instances] of series)
      slices.push(
        ...new SeriesLoader({
          client,
          scheduler,
          studyInstanceUid: study,
          seriesInstanceUid,
          instances,
          store,
        }).slices,
      );
  }
  expect(slices, 'the screening case hangs eight views').to.have.length(8);
  return slices;
}

/**
 * Loads the eight views at once, as a viewer on screen asks, with the real preview decoder.
 * Events: `b3` = view 3's first bytes in (its preview decode asked for), `P3` = its preview handed
 * over (`X3` if that frame were not labelled a partial preview), `F3` = its full image.
 */
async function loadAll(pool: DecodePool, slices: Slice[]): Promise<string[]> {
  const events: string[] = [];
  const decode = poolPreviewDecoder(pool);
  const frameLoader = new DicomwebFrameLoader({
    pool,
    previewThresholdBytes: PREVIEW_BYTES,
    previewDecoder: (request) => {
      events.push(`b${slices.findIndex((s) => s.dataset === request.dataset)}`);
      return decode(request);
    },
  });
  const signal = new AbortController().signal;
  await Promise.all(
    slices.map((slice, view) =>
      frameLoader
        .load(slice.dataset, slice.frameIndex, {
          signal,
          priority: RetrievalPriority.visible + view,
          onPreview: (preview) => {
            // A reduced decode of a truncated codestream, labelled as such: never the image.
            const labelled = isPreviewFrame(preview) && preview.partial;
            events.push(`${labelled ? 'P' : 'X'}${view}`);
          },
        })
        .then(() => events.push(`F${view}`)),
    ),
  );
  return events;
}

/** Every view: its first bytes in and its labelled preview, before its full image. */
function expectPreviewThenFull(events: string[]): void {
  for (let view = 0; view < 8; view++) {
    const full = events.indexOf(`F${view}`);
    expect(events.indexOf(`b${view}`), `view ${view}: ${events.join(' ')}`).to.be.within(0, full);
    expect(events.indexOf(`P${view}`), `view ${view}: ${events.join(' ')}`).to.be.within(0, full);
  }
  expect(events.filter((e) => e.startsWith('X'))).to.deep.equal([]);
}

const sopOf = (url: string): string => /\/instances\/([0-9.]+)\/frames\//.exec(url)?.[1] ?? '';

describe('Eight large views at once: every preview before any full image', function () {
  this.timeout(120_000);
  let pool: DecodePool;
  beforeEach(() => {
    pool = new DecodePool({ size: 2 });
  });
  afterEach(() => {
    pool.dispose();
  });

  it('static tree with byte ranges: the eight first ranges are all asked for before any rest', async () => {
    const { fetch, records } = countingFetch();
    const client = new DicomwebClient({ url: STATIC, fetch, rangeMinFrameBytes: 1 });
    const slices = await eightViews(client, new MemorySeriesStore());
    const events = await loadAll(pool, slices);

    const frames = records.filter((r) => r.url.includes('/frames/'));
    const ranges = frames.map((r) => r.headers.get('range') ?? '');
    expect(ranges.filter((r) => r === `bytes=0-${PREVIEW_BYTES - 1}`)).to.have.length(8);
    expect(ranges.filter((r) => r === `bytes=${PREVIEW_BYTES}-`)).to.have.length(8);
    // Request order: eight prefixes (one per view), then eight rests. Before the rest of a frame
    // waited its turn, the rest of view 0 left as soon as its prefix was in, ahead of views 6 and 7.
    expect(ranges.slice(0, 8).every((r) => r.startsWith('bytes=0-'))).to.equal(true);
    expect(new Set(frames.slice(0, 8).map((r) => sopOf(r.url))).size).to.equal(8);
    expectPreviewThenFull(events);
  });
});
