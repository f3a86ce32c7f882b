/** Helpers for <cb-viewer> tests: mounting, waiting, reading the data sets the tests compare with. */
import '../../src/components/viewer/cb-viewer.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { REPORT_MODALITIES } from '../../src/session/patient-history.js';
import { animationFrames, waitFor } from '../waits.js';

export { animationFrames, waitFor };

export const STATIC = '/static-dicom-web';
export const ORTHANC = '/orthanc/dicom-web';

export interface DemoManifest {
  readonly patient: { readonly patientId: string; readonly issuerOfPatientId: string };
  readonly studies: Readonly<
    Record<
      'currentCt' | 'currentMg' | 'currentUs' | 'currentCr' | 'priorCt' | 'priorMg' | 'priorUs',
      { readonly studyInstanceUid: string; readonly date: string }
    >
  >;
}

export async function manifest(): Promise<DemoManifest> {
  const response = await fetch('/test/.tmp/data/manifest.json');
  return (await response.json()) as DemoManifest;
}

export type Json = Record<string, { vr: string; Value?: unknown[] }>;

export function value(json: Json, tag: string): unknown {
  return json[tag]?.Value?.[0];
}

export async function qido(url: string): Promise<Json[]> {
  const response = await fetch(url, { headers: { Accept: 'application/dicom+json' } });
  if (response.status === 204) return [];
  return (await response.json()) as Json[];
}

/** Series of a study with their metadata, read straight from the server (not through the viewer). */
export async function studySeries(
  root: string,
  studyInstanceUid: string,
): Promise<{ seriesInstanceUid: string; modality: string; instances: Json[] }[]> {
  const series = await qido(`${root}/studies/${studyInstanceUid}/series`);
  return Promise.all(
    series.map(async (item) => {
      const seriesInstanceUid = String(value(item, '0020000E'));
      return {
        seriesInstanceUid,
        modality: String(value(item, '00080060')),
        instances: await qido(
          `${root}/studies/${studyInstanceUid}/series/${seriesInstanceUid}/metadata`,
        ),
      };
    }),
  );
}

/**
 * Image series of the patient's studies small enough to get a study browser thumbnail
 * (series-thumbnails.ts): the viewer draws one for each, through the cache.
 */
export async function thumbnailedSeries(patientId: string): Promise<number> {
  const studies = await qido(`${STATIC}/studies?PatientID=${encodeURIComponent(patientId)}`);
  const series = await Promise.all(
    studies.map((study) => studySeries(STATIC, String(value(study, '0020000D')))),
  );
  return series.flat().filter((item) => {
    const first = item.instances[0];
    const pixels = first
      ? Number(value(first, '00280010') ?? 0) * Number(value(first, '00280011') ?? 0)
      : 0;
    return !REPORT_MODALITIES.has(item.modality) && pixels > 0 && pixels <= 1024 * 1024;
  }).length;
}

export function mountViewer(
  attributes: Record<string, string>,
  configure?: (viewer: CbViewer) => void,
): CbViewer {
  const viewer = document.createElement('cb-viewer');
  viewer.style.display = 'flex';
  viewer.style.width = '1000px';
  viewer.style.height = '600px';
  for (const [name, text] of Object.entries(attributes)) viewer.setAttribute(name, text);
  configure?.(viewer);
  document.body.append(viewer);
  return viewer;
}

export function viewports(viewer: CbViewer): CbViewport[] {
  return [...viewer.shadowRoot!.querySelectorAll('cb-viewport')];
}

export function viewportAt(viewer: CbViewer, row: number, column: number): CbViewport | undefined {
  return (
    viewer.shadowRoot!.querySelector<CbViewport>(
      `.cell[data-row="${row}"][data-column="${column}"] cb-viewport`,
    ) ?? undefined
  );
}

/**
 * The SOP Instance UID each viewport last drew at full quality, from its cb-image-rendered
 * (bubbling and composed, so heard here for any viewport of any viewer mounted after this module
 * loaded). A preview (server-rendered or reduced) drawn first is not the image: it is skipped.
 */
const lastDrawn = new WeakMap<EventTarget, string | undefined>();
document.addEventListener('cb-image-rendered', (event) => {
  const [viewport] = event.composedPath();
  if (viewport && event.detail.quality === 'full')
    lastDrawn.set(viewport, event.detail.sopInstanceUid);
});

/**
 * Waits until the viewport has drawn slice `index` of its (single-frame) stack: links and
 * other cells act on the draw (cb-image-rendered), which comes after `currentImage` is set.
 */
export async function drawnAt(
  viewport: CbViewport,
  index: number,
  timeoutMs = 15000,
): Promise<void> {
  await waitFor(
    () => {
      const sop = viewport.stack[index]?.string(0x00080018);
      return sop !== undefined && viewport.index === index && lastDrawn.get(viewport) === sop;
    },
    `slice ${String(index)} drawn`,
    timeoutMs,
  );
}

/** Waits until every viewport of the viewer has drawn an image and announced it (cb-image-rendered). */
export async function allRendered(
  viewer: CbViewer,
  count: number,
  timeoutMs = 20000,
): Promise<CbViewport[]> {
  // Drawn, not only loaded: the first draw waits for the renderer (made in a task of its own),
  // and the viewer's links and audit act on its cb-image-rendered, heard here after the viewer.
  // With the whole stack, its own slice drawn: a series opened slice first shows that slice alone
  // until its series metadata lands (issue 18 item 2; the series order may then pick another), and
  // a test scrolls, links or counts the whole stack.
  return waitFor(
    () => {
      const all = viewports(viewer);
      const drawn = (v: CbViewport): boolean =>
        v.currentImage?.quality === 'full' &&
        !v.showsStandIn &&
        lastDrawn.get(v) === v.currentImage.image.dataset.string(0x00080018) &&
        v.imageCount >= (v.loadProgress?.total ?? 0);
      return all.length === count && all.every(drawn) && all;
    },
    `${String(count)} rendered viewports`,
    timeoutMs,
  );
}

/**
 * Frame writes finish behind display: resolves once the viewer's default cache holds a frame of
 * each instance (QIDO JSON, single-frame) of the series (a second opening can then be asked to
 * make no frame request). Record keys are keyed hashes: the probe names the instances it asks for.
 */
export async function storedFrames(
  series: { readonly studyInstanceUid: string; readonly seriesInstanceUid: string },
  instances: readonly Json[],
  timeoutMs = 15000,
): Promise<void> {
  const probe = new SeriesCache();
  const sops = instances.map((instance) => String(value(instance, '00080018')));
  try {
    const key = { server: STATIC, ...series };
    await waitFor(
      async () => (await probe.listFrames(key, sops)).length >= sops.length,
      'the frame writes',
      timeoutMs,
    );
  } finally {
    await probe.close();
  }
}
