import { expect } from '@open-wc/testing';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { MemorySeriesStore } from '../../src/dicomweb/memory-series-store.js';
import type { PreviewDecodeRequest } from '../../src/dicomweb/progressive-preview.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import {
  ORTHANC,
  countingFetch,
  expectPixelExact,
  firstSlice,
  fixtures,
  recordingPreviewDecoder,
  referencePixels,
  requireRig,
} from './dicomweb-fixtures.js';

const STATIC = '/static-dicom-web';
const DATA = '/test/.tmp/data';
const PREVIEW_BYTES = 16 * 1024;
const J2K_SOC_SIZ = [0xff, 0x4f, 0xff, 0x51];

interface DemoManifest {
  readonly studies: Record<string, { readonly studyInstanceUid: string }>;
}

/** The first instance of the demo's current mammography study, and its codestream as stored. */
async function demoMammogram(): Promise<{
  study: string;
  series: string;
  stored: Uint8Array;
}> {
  const manifest = (await (await fetch(`${DATA}/manifest.json`)).json()) as DemoManifest;
  const study = manifest.studies['currentMg']?.studyInstanceUid ?? '';
  const series = (await (await fetch(`${STATIC}/studies/${study}/series`)).json()) as {
    '0020000E': { Value: [string] };
  }[];
  const seriesUid = series[0]?.['0020000E'].Value[0] ?? '';
  const instances = (await (
    await fetch(`${STATIC}/studies/${study}/series/${seriesUid}/instances`)
  ).json()) as { '00080018': { Value: [string] } }[];
  const sop = instances[0]?.['00080018'].Value[0] ?? '';
  // The static tree's own index: where the frame's codestream sits in the Part 10 file.
  const index = (await (
    await fetch(
      `${DATA}/dicom-web/studies/${study}/series/${seriesUid}/instances/${sop}/frames.json`,
    )
  ).json()) as { part10: string; frames: [number, number][] };
  const file = new Uint8Array(
    await (
      await fetch(new URL(index.part10, `${location.origin}${DATA}/dicom-web/`))
    ).arrayBuffer(),
  );
  const [offset = 0, length = 0] = index.frames[0] ?? [];
  return { study, series: seriesUid, stored: file.subarray(offset, offset + length) };
}

describe('Large single frames by HTTP byte ranges', () => {
  let pool: DecodePool;
  beforeEach(() => {
    pool = new DecodePool({ size: 1 });
  });
  afterEach(() => {
    pool.dispose();
  });

  /** The demo mammogram through the real loader path, its fetch through `fetchHook`. */
  async function openMammogram(fetchHook: typeof fetch) {
    const { study, series, stored } = await demoMammogram();
    expect(stored.length).to.be.greaterThan(PREVIEW_BYTES * 2);
    const client = new DicomwebClient({
      url: STATIC,
      fetch: fetchHook,
      rangeMinFrameBytes: 1,
      retry: { baseDelayMs: 10 },
    });
    const instances = await client.retrieveSeriesMetadata(study, series);
    const store = new MemorySeriesStore();
    const loader = new SeriesLoader({
      client,
      scheduler: new RetrievalScheduler(client),
      studyInstanceUid: study,
      seriesInstanceUid: series,
      instances,
      store,
    });
    // The instance whose codestream demoMammogram read from the Part 10 file.
    const slice = loader.slices.find(
      (s) => s.source.sopInstanceUid === instances[0]?.['00080018']?.Value?.[0],
    );
    if (!slice) throw new Error('the indexed instance is not in the series');
    const seen: PreviewDecodeRequest[] = [];
    const log: string[] = [];
    const frameLoader = new DicomwebFrameLoader({
      pool,
      previewDecoder: recordingPreviewDecoder(seen),
      previewThresholdBytes: PREVIEW_BYTES,
    });
    const load = async (): Promise<{ full: DecodedFrame; fetched: Uint8Array | undefined }> => {
      const full = await frameLoader.load(slice.dataset, 0, {
        signal: new AbortController().signal,
        priority: 0,
        onPreview: () => log.push('preview'),
      });
      log.push('full');
      // What the loader fetched, exactly as it handed it on (the store keeps a copy).
      const fetched = (await store.getFrame(slice.source.frameKey(0)))?.bytes;
      return { full, fetched };
    };
    return { instances, stored, seen, log, load };
  }

  it('over the static tree: the preview decodes the first bytes of a 206, the rest comes in a second range, the frame is the stored codestream', async () => {
    const { fetch, records } = countingFetch();
    const { instances, stored, seen, log, load } = await openMammogram(fetch);
    const { full, fetched } = await load();
    expect(log).to.deep.equal(['preview', 'full']);
    const frameRequests = records.filter((r) => r.url.includes('/frames/'));
    expect(frameRequests.map((r) => [r.headers.get('range'), r.status])).to.deep.equal([
      [`bytes=0-${PREVIEW_BYTES - 1}`, 206],
      [`bytes=${PREVIEW_BYTES}-`, 206],
    ]);
    expect(frameRequests[0]?.headers.get('accept')).to.not.match(/multipart/);
    // The preview was given exactly the first range: the codestream's first bytes.
    expect(seen).to.have.length(1);
    expect(seen[0]?.bytes).to.deep.equal(stored.subarray(0, PREVIEW_BYTES));
    expect([...(seen[0]?.bytes.subarray(0, 4) ?? [])]).to.deep.equal(J2K_SOC_SIZ);
    expect(seen[0]?.transferSyntaxUid).to.equal('1.2.840.10008.1.2.4.90');
    // The two ranges make the stored codestream, byte for byte, and it decodes to the image size.
    expect(fetched).to.deep.equal(stored);
    expect([full.rows, full.columns]).to.deep.equal([
      Number(instances[0]?.['00280010']?.Value?.[0]),
      Number(instances[0]?.['00280011']?.Value?.[0]),
    ]);
  });

  it('through a middlebox that drops Range: takes the 200 whole body, still feeding the preview as it arrives', async () => {
    const { fetch: counting, records } = countingFetch();
    // A real answer from the static server to a request stripped of its Range header.
    const stripping: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('range');
      return counting(input, { ...init, headers });
    };
    const { stored, seen, log, load } = await openMammogram(stripping);
    const { fetched } = await load();
    const frameRequests = records.filter((r) => r.url.includes('/frames/'));
    expect(frameRequests.map((r) => r.status)).to.deep.equal([200]);
    expect(fetched).to.deep.equal(stored);
    expect(log.at(-1)).to.equal('full');
    // Whatever the chunking, the preview saw a prefix of the codestream, never other bytes.
    expect(seen.length).to.be.at.least(1);
    for (const request of seen)
      expect(request.bytes).to.deep.equal(stored.subarray(0, request.bytes.length));
  });

  it('when the second range is cut mid-body: never hands on a short frame, retries, and ends with the stored codestream', async () => {
    const { fetch: counting, records } = countingFetch();
    let cuts = 0;
    // A connection reset half-way through the first answer to `bytes=N-` (a fault the static
    // server cannot make itself): the real body, then an error.
    const cutting: typeof fetch = async (input, init) => {
      const response = await counting(input, init);
      const range = new Headers(init?.headers).get('range');
      if (cuts > 0 || range !== `bytes=${PREVIEW_BYTES}-` || !response.body) return response;
      cuts++;
      const reader = response.body.getReader();
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done || sent > 8192) {
            await reader.cancel();
            controller.error(new TypeError('network error'));
            return;
          }
          sent += value.byteLength;
          controller.enqueue(value);
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const { stored, load } = await openMammogram(cutting);
    const { fetched } = await load();
    expect(cuts).to.equal(1);
    expect(fetched).to.deep.equal(stored);
    const ranges = records
      .filter((r) => r.url.includes('/frames/'))
      .map((r) => r.headers.get('range'));
    // The whole two-step retrieval is retried (one retry), the bytes of the cut answer discarded.
    expect(ranges).to.deep.equal([
      `bytes=0-${PREVIEW_BYTES - 1}`,
      `bytes=${PREVIEW_BYTES}-`,
      `bytes=0-${PREVIEW_BYTES - 1}`,
      `bytes=${PREVIEW_BYTES}-`,
    ]);
  });

  it('against Orthanc, which sends frames only as multipart: falls back once, then never asks for a range again; the frame is pixel-exact', async function () {
    await requireRig(this);
    const fx = await fixtures();
    const series = fx.series.largeJ2k;
    const { fetch, records } = countingFetch();
    const client = new DicomwebClient({ url: ORTHANC, fetch, rangeMinFrameBytes: 1 });
    const instances = await client.retrieveSeriesMetadata(
      series.studyInstanceUid,
      series.seriesInstanceUid,
    );
    const seen: PreviewDecodeRequest[] = [];
    const frameLoader = new DicomwebFrameLoader({
      pool,
      previewDecoder: recordingPreviewDecoder(seen),
      previewThresholdBytes: PREVIEW_BYTES,
    });
    for (let round = 0; round < 2; round++) {
      // A new loader each round: no frame is served twice from memory.
      const slice = firstSlice(client, series, instances);
      const full = await frameLoader.load(slice.dataset, 0, {
        signal: new AbortController().signal,
        priority: 0,
        onPreview: () => undefined,
      });
      expect(
        expectPixelExact(full, await referencePixels(slice.source.sopInstanceUid, 1)),
      ).to.equal(undefined);
    }
    const frameRequests = records.filter((r) => r.url.includes('/frames/'));
    const ranged = frameRequests.filter((r) => r.headers.has('range'));
    expect(ranged, 'one bare, ranged attempt in all').to.have.length(1);
    expect(ranged[0]?.status ?? 0).to.be.within(400, 499);
    expect(frameRequests.filter((r) => !r.headers.has('range'))).to.have.length(2);
  });
});
