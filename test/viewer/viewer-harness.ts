/** Helpers for <cb-viewer> tests: mounting, waiting, reading the data sets the tests compare with. */
import '../../src/components/viewer/cb-viewer.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { SeriesCache } from '../../src/cache/series-cache.js';

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

export async function waitFor<T>(
  probe: () => T | undefined | null | false,
  what: string,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const result = probe();
    if (result !== undefined && result !== null && result !== false) return result;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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

/** Waits until every viewport of the viewer has drawn an image and announced it. */
export async function allRendered(
  viewer: CbViewer,
  count: number,
  timeoutMs = 20000,
): Promise<CbViewport[]> {
  const list = await waitFor(
    () => {
      const all = viewports(viewer);
      return all.length === count && all.every((v) => v.currentImage !== undefined) && all;
    },
    `${String(count)} rendered viewports`,
    timeoutMs,
  );
  // cb-image-rendered follows the draw in the same animation frame: let it reach the viewer.
  for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  return list;
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
    const deadline = performance.now() + timeoutMs;
    while ((await probe.listFrames(key, sops)).length < sops.length) {
      if (performance.now() > deadline) throw new Error('Timed out waiting for the frame writes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await probe.close();
  }
}
