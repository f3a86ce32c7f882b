// "Next case" half of the screening bench: <cb-viewer> (compare="prior": the eight views hung)
// opens case B, then case A, each until all eight views are drawn at full resolution, then goes
// to case B again and times it — from setting `patient-id` to the eighth full-resolution
// cb-image-rendered. `phase=memory`: B's decoded images are still in the viewer's memory (what a
// reading list's prefetch-and-decode leaves). `phase=cache`: a fresh page of the same browser
// profile, B only in the IndexedDB cache (compressed), workers warm from opening A first.
import '../../src/components/viewer/cb-viewer.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';

interface NextCaseResult {
  nextMs: number;
  previewMs: number;
  frameRequests: number;
}

declare global {
  interface Window {
    screeningNext?: NextCaseResult | { error: string };
  }
}

const params = new URLSearchParams(location.search);
const caseA = {
  patient: params.get('patientA') ?? '',
  studies: (params.get('studiesA') ?? '').split(','),
};
const caseB = {
  patient: params.get('patientB') ?? '',
  studies: (params.get('studiesB') ?? '').split(','),
};
const frameRequests: string[] = [];

const viewer: CbViewer = document.createElement('cb-viewer');
viewer.setAttribute('server', params.get('root') ?? '/orthanc/dicom-web');
viewer.setAttribute('compare', 'prior');
viewer.setAttribute('prefetch-budget', '0');
viewer.setAttribute('memory-budget', String(1024 * 1024 * 1024));
viewer.style.cssText = 'display:block;width:1600px;height:1000px';
viewer.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url.includes('/frames/')) frameRequests.push(url);
  return fetch(input, init);
};

/** Opens a case; resolves when its eight views are drawn at full resolution (ms since the call). */
function open(target: typeof caseA): Promise<{ fullMs: number; previewMs: number }> {
  const started = performance.now();
  const full = new Set<string>();
  const any = new Set<string>();
  let previewMs = 0;
  return new Promise((resolve) => {
    const onRendered = (event: GlobalEventHandlersEventMap['cb-image-rendered']): void => {
      const { studyInstanceUid, sopInstanceUid, quality } = event.detail;
      if (!studyInstanceUid || !target.studies.includes(studyInstanceUid) || !sopInstanceUid)
        return;
      any.add(sopInstanceUid);
      if (any.size === 8 && !previewMs) previewMs = performance.now() - started;
      if (quality === 'full') full.add(sopInstanceUid);
      if (full.size < 8) return;
      viewer.removeEventListener('cb-image-rendered', onRendered);
      resolve({ fullMs: performance.now() - started, previewMs });
    };
    viewer.addEventListener('cb-image-rendered', onRendered);
    viewer.setAttribute('patient-id', target.patient);
    if (!viewer.isConnected) document.body.append(viewer);
  });
}

/** Resolves once `count` series are durably in the IndexedDB cache (cb-series-cached, all frames). */
function cached(count: number): Promise<void> {
  const done = new Set<string>();
  return new Promise((resolve) => {
    viewer.addEventListener('cb-series-cached', (event) => {
      if (event.detail.stored === event.detail.frames) done.add(event.detail.seriesInstanceUid);
      if (done.size >= count) resolve();
    });
  });
}

async function run(): Promise<void> {
  const phase = params.get('phase');
  if (phase === 'fill') {
    // Case B into the persistent cache, for the `cache` phase's fresh page.
    const stored = cached(caseB.studies.length);
    const { fullMs } = await open(caseB);
    await stored;
    window.screeningNext = { nextMs: fullMs, previewMs: 0, frameRequests: frameRequests.length };
    return;
  }
  if (phase === 'memory') await open(caseB);
  await open(caseA);
  // Let A's cache writes and idle work settle, as a reader looking at a case would.
  await new Promise((r) => setTimeout(r, 1000));
  const before = frameRequests.length;
  const next = await open(caseB);
  window.screeningNext = {
    nextMs: next.fullMs,
    previewMs: next.previewMs,
    frameRequests: frameRequests.length - before,
  };
}

run().catch((error: unknown) => {
  window.screeningNext = {
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
});
