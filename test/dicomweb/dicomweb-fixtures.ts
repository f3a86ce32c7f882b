/** Browser side of the DICOMweb test rig (dicomweb-test-rig.mjs): fixtures, fault proxy, Orthanc control, request counting. */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import type { PreviewDecodeRequest } from '../../src/dicomweb/progressive-preview.js';
import type { SeriesStore } from '../../src/cache/series-store.js';
import type { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import type { DicomJsonObject } from '../../src/dicomweb/dicom-json-values.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader, type Slice } from '../../src/dicomweb/series-loader.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import type { DecodePool } from '../../src/workers/decode-pool.js';

export const ORTHANC = '/orthanc/dicom-web';
export const FAULTY_ORTHANC = '/fault-orthanc/dicom-web';

export interface FixtureSeries {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly studyDate: string;
  readonly transferSyntaxUid: string;
  readonly rows: number;
  readonly columns: number;
  readonly instances: readonly { readonly sopInstanceUid: string; readonly frames: number }[];
}

export interface FixtureManifest {
  readonly patientId: string;
  readonly issuer: string;
  readonly series: Readonly<
    Record<'ct120' | 'multiframe' | 'htj2k' | 'largeJ2k' | 'prior', FixtureSeries>
  >;
}

let manifest: Promise<FixtureManifest> | undefined;
let rig: Promise<boolean> | undefined;

/**
 * Skips the suite when the runner lacks the DICOMweb rig (test/dicomweb/dicomweb-test-rig.mjs)
 * or Orthanc: `node scripts/test/run-browser-tests.mjs` provides both.
 */
export async function requireRig(context: Mocha.Context): Promise<void> {
  rig ??= executeServerCommand('dicomweb-fault', {}).then(
    () => true,
    () => false,
  );
  if (!(await rig)) {
    console.warn('DICOMweb rig missing from the test runner config: suite skipped');
    context.skip();
  }
}

/** The fixture manifest, after making sure Orthanc holds the fixtures (the upload is idempotent). */
export function fixtures(): Promise<FixtureManifest> {
  manifest ??= (async () => {
    await executeServerCommand('dicomweb-upload');
    const response = await fetch('/dicomweb-fixtures/manifest.json');
    return (await response.json()) as FixtureManifest;
  })();
  return manifest;
}

/** Source pixels (uint16) of one frame, 1-based frame number. */
export async function referencePixels(
  sopInstanceUid: string,
  frameNumber: number,
): Promise<Uint16Array> {
  const response = await fetch(`/dicomweb-fixtures/reference/${sopInstanceUid}_${frameNumber}.raw`);
  return new Uint16Array(await response.arrayBuffer());
}

export function expectPixelExact(frame: DecodedFrame, reference: Uint16Array): string | undefined {
  if (frame.pixels.length !== reference.length)
    return `length ${frame.pixels.length} ≠ ${reference.length}`;
  for (let i = 0; i < reference.length; i++) {
    if (frame.pixels[i] !== reference[i]) return `pixel ${i}: ${frame.pixels[i]} ≠ ${reference[i]}`;
  }
  return undefined;
}

/** Every slice decoded through the loader's data sets and compared with the source pixels. */
export async function expectSeriesPixelExact(
  loader: SeriesLoader,
  pool: DecodePool,
): Promise<void> {
  const frameLoader = new DicomwebFrameLoader(pool);
  const signal = new AbortController().signal;
  for (const slice of loader.slices) {
    const frame = await frameLoader.load(slice.dataset, slice.frameIndex, { signal, priority: 0 });
    const reference = await referencePixels(slice.source.sopInstanceUid, slice.frameIndex + 1);
    expect(
      expectPixelExact(frame, reference),
      `${slice.source.sopInstanceUid} frame ${slice.frameIndex + 1}`,
    ).to.equal(undefined);
  }
}

export interface ProxyCounters {
  readonly requests: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly abandoned: number;
  readonly refused: number;
  readonly failed: number;
  readonly cut: number;
  readonly rewritten: number;
  /** Paths (no query) of the last 2000 requests. */
  readonly paths: readonly string[];
  readonly stalled: number;
  readonly hung: number;
  readonly unauthorized: number;
  /** Response body bytes the proxy sent, in all and by kind ('frames', 'metadata', 'other'). */
  readonly bytes: number;
  readonly bytesByKind: Readonly<Record<string, number>>;
}

export interface Faults {
  readonly delayMs?: number;
  readonly mbps?: number;
  readonly cut?: {
    readonly afterBytes: number;
    readonly mode?: 'reset' | 'end';
    readonly count?: number;
    readonly match?: string;
  };
  readonly fail?: { readonly status: number; readonly count?: number; readonly match?: string };
  /** Send a body up to `afterBytes`, then nothing, the connection open. */
  readonly stall?: {
    readonly afterBytes: number;
    readonly count?: number;
    readonly match?: string;
  };
  /** Never answer (no headers), the connection open. */
  readonly hang?: { readonly count?: number; readonly match?: string };
  /** 401 without `Authorization: Bearer <token>`: changing it expires the old token. */
  readonly auth?: { readonly token: string };
  readonly down?: boolean;
  /** Query parameters the proxy drops before forwarding (a server ignoring a matching key). */
  readonly query?: { readonly drop: readonly string[]; readonly match?: string };
  /** A regular expression replaced in matching response bodies (a server that lies). */
  readonly rewrite?: {
    readonly pattern: string;
    readonly replacement: string;
    readonly match?: string;
  };
}

export async function setFaults(faults: Faults): Promise<ProxyCounters> {
  return (
    await executeServerCommand<{ counters: ProxyCounters }, unknown>('dicomweb-fault', { faults })
  ).counters;
}

export async function resetFaults(): Promise<void> {
  await executeServerCommand('dicomweb-fault', { reset: true });
}

export async function proxyCounters(): Promise<ProxyCounters> {
  return (await executeServerCommand<{ counters: ProxyCounters }, unknown>('dicomweb-fault', {}))
    .counters;
}

export interface ForeignRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The rig's foreign origin (foreign-origin.mjs): its URL and every request it has received. */
export async function foreignOrigin(
  reset = false,
): Promise<{ url: string; requests: ForeignRequest[] }> {
  return executeServerCommand<{ url: string; requests: ForeignRequest[] }, unknown>(
    'foreign-origin',
    reset ? { reset: true } : {},
  );
}

/** Kills or restarts the real Orthanc; false when the runner does not own it. */
export async function orthancControl(action: 'stop' | 'start'): Promise<boolean> {
  const result = await executeServerCommand<{ supported: boolean } | undefined, unknown>(
    'orthanc-control',
    { action },
  );
  return result?.supported === true;
}

export interface FetchRecord {
  readonly url: string;
  readonly headers: Headers;
  readonly startedAt: number;
  aborted: boolean;
  status: number | undefined;
}

/** A `fetch` hook that records every request and whether its signal aborted it. */
export function countingFetch(): { readonly fetch: typeof fetch; readonly records: FetchRecord[] } {
  const records: FetchRecord[] = [];
  const hook: typeof fetch = async (input, init) => {
    const record: FetchRecord = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      headers: new Headers(init?.headers),
      startedAt: performance.now(),
      aborted: false,
      status: undefined,
    };
    records.push(record);
    init?.signal?.addEventListener(
      'abort',
      () => {
        record.aborted = true;
      },
      { once: true },
    );
    const response = await fetch(input, init);
    record.status = response.status;
    return response;
  };
  return { fetch: hook, records };
}

export function nextEvent<T extends Event>(
  target: EventTarget,
  type: string,
  timeoutMs = 20000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    target.addEventListener(
      type,
      (event) => {
        clearTimeout(timer);
        resolve(event as T);
      },
      { once: true },
    );
  });
}

/**
 * A preview decoder that records the bytes it is handed and returns a 1×1 image: stands in
 * for the reduced-resolution decode when a test is about which bytes reach it, and when.
 */
export function recordingPreviewDecoder(
  seen: PreviewDecodeRequest[],
): (request: PreviewDecodeRequest) => Promise<DecodedFrame> {
  return (request) => {
    seen.push(request);
    return Promise.resolve({
      rows: 1,
      columns: 1,
      samplesPerPixel: 1,
      bitsStored: 12,
      signed: false,
      photometricInterpretation: 'MONOCHROME2',
      pixels: new Uint16Array(1),
    });
  };
}

/** The first slice of a fixture series as a fresh SeriesLoader over `client` presents it. */
export function firstSlice(
  client: DicomwebClient,
  series: Pick<FixtureSeries, 'studyInstanceUid' | 'seriesInstanceUid'>,
  instances: readonly DicomJsonObject[],
  store?: SeriesStore,
): Slice {
  const loader = new SeriesLoader({
    client,
    scheduler: new RetrievalScheduler(client),
    studyInstanceUid: series.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    instances,
    ...(store ? { store } : {}),
  });
  const slice = loader.slices[0];
  if (!slice) throw new Error('no slice');
  return slice;
}
