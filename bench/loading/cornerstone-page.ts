// Cornerstone side of the loading bench: @cornerstonejs/dicom-image-loader (wadors:) fetching and
// decoding the same series, as OHIF does — metadata by WADO-RS, the middle image first, then
// every image outward from it (stack prefetch order) through Cornerstone's own request pools.
import { imageLoader, init as initCore } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { reportFailure } from './bench-result.js';

interface DicomJsonElement {
  readonly Value?: readonly unknown[];
}
type DicomJson = Record<string, DicomJsonElement | undefined>;

const params = new URLSearchParams(location.search);

async function run(): Promise<void> {
  const started = performance.now();
  const root = params.get('root') ?? '/orthanc/dicom-web';
  const study = params.get('study') ?? '';
  const series = params.get('series') ?? '';
  initCore();
  dicomImageLoader.init({
    maxWebWorkers: Number(params.get('workers') ?? 2),
    wasmBasePath: '/cornerstone-wasm/',
  });
  const base = `${location.origin}${root}/studies/${study}/series/${series}`;
  const response = await fetch(`${base}/metadata`, {
    headers: { Accept: 'application/dicom+json' },
  });
  const instances = ((await response.json()) as DicomJson[]).sort((a, b) => z(a) - z(b));
  const metadataMs = performance.now() - started;
  const imageIds = instances.map((instance) => {
    const value = instance['00080018']?.Value?.[0];
    const sop = typeof value === 'string' ? value : '';
    const imageId = `wadors:${base}/instances/${sop}/frames/1`;
    dicomImageLoader.wadors.metaDataManager.add(imageId, instance as never);
    return imageId;
  });
  const middle = Math.floor(imageIds.length / 2);
  let firstMs = 0;
  let checksum = 0;
  const order = [...imageIds.keys()].sort(
    (a, b) => Math.abs(a - middle) - Math.abs(b - middle) || a - b,
  );
  // `firstOnly=1` (bench/thin): the result is the first image; the rest of the series is not waited for.
  const firstOnly = params.get('firstOnly') === '1';
  const loaded = order.map((index) =>
    imageLoader.loadAndCacheImage(imageIds[index] ?? '').then((image) => {
      if (index === middle) {
        firstMs = performance.now() - started;
        if (firstOnly)
          window.benchResult = {
            firstMs,
            startedMs: started,
            allMs: firstMs,
            frames: 1,
            checksum: 0,
            metadataMs,
          };
      }
      const pixels = image.getPixelData();
      checksum += pixels[pixels.length >> 1] ?? 0;
    }),
  );
  await Promise.all(loaded);
  window.benchResult = {
    firstMs,
    startedMs: started,
    allMs: performance.now() - started,
    frames: loaded.length,
    checksum,
    metadataMs,
  };
}

function z(instance: DicomJson): number {
  return Number(instance['00200032']?.Value?.[2] ?? 0);
}

run().catch(reportFailure);
