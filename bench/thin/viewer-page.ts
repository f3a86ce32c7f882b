// <cb-viewer> side of bench/thin: what a GP sees. The element opens the bench study from its
// Study Instance UID (QIDO, hanging protocol, metadata, loader, viewport) in a cold page; the
// result is its first diagnostic image on screen (cb-image-rendered, quality 'full'), timed from
// the navigation like every page of this bench, and its first picture of any quality (a
// server-rendered or reduced preview, labelled, when one comes first).
import '../../src/components/viewer/cb-viewer.js';
import type { LoadingResult } from '../loading/bench-result.js';
import { reportFailure } from '../loading/bench-result.js';

const startedMs = performance.now();
performance.mark('bench:script');
const params = new URLSearchParams(location.search);

function run(): void {
  const viewer = document.createElement('cb-viewer');
  viewer.setAttribute('server', params.get('root') ?? '/orthanc/dicom-web');
  viewer.setAttribute('study', params.get('study') ?? '');
  // The thin-links question is the first image and the series in view: no prior prefetch.
  viewer.setAttribute('prefetch-budget', '0');
  viewer.style.cssText = 'display:block;width:1024px;height:768px';
  // The first picture of any quality (issue 18 item 3: a labelled preview may come first).
  let picture: { pictureMs: number; pictureQuality: string } | undefined;
  viewer.addEventListener('cb-image-rendered', (event) => {
    picture ??= {
      pictureMs: performance.now() - startedMs,
      pictureQuality: event.detail.quality,
    };
    if (event.detail.quality !== 'full' || window.benchResult) return;
    const firstMs = performance.now() - startedMs;
    performance.mark('bench:drawn');
    const result: LoadingResult & {
      sopInstanceUid?: string;
      pictureMs: number;
      pictureQuality: string;
    } = {
      firstMs,
      startedMs,
      allMs: firstMs,
      frames: 1,
      checksum: 0,
      ...picture,
      ...(event.detail.sopInstanceUid ? { sopInstanceUid: event.detail.sopInstanceUid } : {}),
    };
    window.benchResult = result;
  });
  viewer.addEventListener('cb-error', (event) => {
    reportFailure(new Error(`cb-error ${JSON.stringify((event as CustomEvent).detail ?? {})}`));
  });
  document.body.append(viewer);
}

try {
  run();
} catch (error) {
  reportFailure(error);
}
