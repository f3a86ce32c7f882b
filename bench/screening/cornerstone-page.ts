// Cornerstone side of the screening bench: @cornerstonejs/dicom-image-loader (wadors:, the loader
// OHIF uses, default options) loading the same eight views at once, after the same study metadata.
// It has no preview stage by default: a view's first picture is its full image.
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
  const studies = (params.get('studies') ?? '').split(',');
  initCore();
  dicomImageLoader.init({
    maxWebWorkers: Number(params.get('workers') ?? 2),
    wasmBasePath: '/cornerstone-wasm/',
  });
  const metadata = await Promise.all(
    studies.map(async (study) => {
      const response = await fetch(`${location.origin}${root}/studies/${study}/metadata`, {
        headers: { Accept: 'application/dicom+json' },
      });
      const instances = (await response.json()) as DicomJson[];
      return instances
        .sort((a, b) => Number(a['00200013']?.Value?.[0]) - Number(b['00200013']?.Value?.[0]))
        .map((instance) => ({ study, instance }));
    }),
  );
  const metadataMs = performance.now() - started;
  const imageIds = metadata.flat().map(({ study, instance }) => {
    const value = (tag: string): string => {
      const v = instance[tag]?.Value?.[0];
      return typeof v === 'string' ? v : '';
    };
    const imageId = `wadors:${location.origin}${root}/studies/${study}/series/${value('0020000E')}/instances/${value('00080018')}/frames/1`;
    dicomImageLoader.wadors.metaDataManager.add(imageId, instance as never);
    return imageId;
  });
  const order: string[] = [];
  let checksum = 0;
  await Promise.all(
    imageIds.map((imageId, view) =>
      imageLoader.loadAndCacheImage(imageId).then((image) => {
        order.push(`F${view}`);
        const pixels = image.getPixelData();
        checksum += pixels[pixels.length >> 1] ?? 0;
      }),
    ),
  );
  const fullMs = performance.now() - started;
  window.screeningResult = {
    metadataMs,
    previewsMs: fullMs,
    fullMs,
    previews: 0,
    views: imageIds.length,
    requests: [],
    order,
    checksum,
  };
}

run().catch(reportFailure);
