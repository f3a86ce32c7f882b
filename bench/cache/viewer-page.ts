// Browser half of the viewer rows of bench/cache/run.mjs: what a GP sees. `<cb-viewer>` opens the
// bench patient from its identifier (QIDO history, hanging protocol, series metadata, loader,
// viewport), once with an empty cache (mode=network, the cache fills) and again in a fresh page of
// the same browser context (mode=cache). The time runs from the element's connection to its first
// cb-image-rendered, as in issue 6 ("first image from cache ≤ 100 ms after the element connects").
import '../../src/components/viewer/cb-viewer.js';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { runWhenSettled } from './settled-run.js';

interface ViewerResult {
  firstMs: number;
  frameRequests: number;
  requests: number;
  stored: number;
  posters: number;
}

const params = new URLSearchParams(location.search);

function countPosters(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('courbaril-series-cache');
    open.onerror = () => {
      reject(open.error ?? new Error('open failed'));
    };
    open.onsuccess = () => {
      const db = open.result;
      const count = db.transaction('posters').objectStore('posters').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
    };
  });
}

async function run(): Promise<ViewerResult> {
  const mode = params.get('mode') ?? 'network';
  const root = params.get('root') ?? '/orthanc/dicom-web';
  const requests: string[] = [];
  const viewer = document.createElement('cb-viewer');
  viewer.setAttribute('server', root);
  viewer.setAttribute('patient-id', params.get('patient') ?? '');
  viewer.setAttribute('prefetch-budget', '0');
  viewer.style.cssText = 'display:block;width:1024px;height:768px';
  viewer.fetch = (input, init) => {
    requests.push(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    return fetch(input, init);
  };
  let firstMs = 0;
  let started = 0;
  const rendered = new Promise<void>((resolve) => {
    viewer.addEventListener('cb-image-rendered', () => {
      firstMs ||= performance.now() - started;
      performance.mark('cb-rendered');
      resolve();
    });
  });
  const loaded = new Promise<void>((resolve) => {
    viewer.addEventListener('cb-series-loaded', () => {
      resolve();
    });
  });
  started = performance.now();
  performance.mark('cb-started');
  document.body.append(viewer);
  await rendered;
  const frameRequests = requests.filter((url) => url.includes('/frames')).length;
  let stored = 0;
  let posters = 0;
  if (mode === 'network') {
    // Outside the timing: the series in, then the viewer gone (its cache writes what is queued).
    await loaded;
    viewer.remove();
    const probe = new SeriesCache();
    const key = {
      server: root,
      studyInstanceUid: params.get('study') ?? '',
      seriesInstanceUid: params.get('series') ?? '',
    };
    const total = Number(params.get('slices') ?? 0);
    for (let i = 0; i < 600 && (stored < total || posters < 1); i++) {
      await new Promise((r) => setTimeout(r, 100));
      // Record keys are keyed hashes: the stored metadata names the instances to list.
      await probe.getMetadata(key);
      stored = (await probe.listFrames(key)).length;
      posters = await countPosters();
    }
    await probe.close();
  }
  return { firstMs, frameRequests, requests: requests.length, stored, posters };
}

runWhenSettled(run);
