import { expect } from '@open-wc/testing';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import {
  DicomwebFrameLoader,
  wholePreviewLevel,
} from '../../src/dicomweb/dicomweb-frame-loader.js';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { isPreviewFrame, type PreviewFrame } from '../../src/dicom/preview-frame.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import type { PreviewDecodeRequest } from '../../src/dicomweb/progressive-preview.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import {
  FAULTY_ORTHANC,
  ORTHANC,
  countingFetch,
  expectPixelExact,
  firstSlice,
  fixtures,
  recordingPreviewDecoder,
  requireRig,
  referencePixels,
  resetFaults,
  setFaults,
} from './dicomweb-fixtures.js';

describe('Progressive single frames over DICOMweb', () => {
  before(async function () {
    await requireRig(this);
  });
  let pool: DecodePool;
  beforeEach(() => {
    pool = new DecodePool();
  });
  afterEach(async () => {
    pool.dispose();
    await resetFaults();
  });

  it('hands the first bytes of a large JPEG 2000 frame to the preview decoder before the frame completes, then the exact frame', async () => {
    const fx = await fixtures();
    const series = fx.series.largeJ2k;
    // A thin link (30 Mbit/s): the 0.9 MB frame takes ~0.25 s to arrive.
    await setFaults({ mbps: 30 });
    const client = new DicomwebClient({ url: FAULTY_ORTHANC });
    const instances = await client.retrieveSeriesMetadata(
      series.studyInstanceUid,
      series.seriesInstanceUid,
    );
    const slice = firstSlice(client, series, instances);
    const seen: PreviewDecodeRequest[] = [];
    const log: string[] = [];
    // Stands in for the codecs' reduced-resolution decode of a truncated codestream.
    const previewDecoder = recordingPreviewDecoder(seen);
    const frameLoader = new DicomwebFrameLoader({
      pool,
      previewDecoder,
      previewThresholdBytes: 64 * 1024,
    });
    const full = await frameLoader.load(slice.dataset, 0, {
      signal: new AbortController().signal,
      priority: 0,
      onPreview: () => log.push('preview'),
    });
    log.push('full');
    expect(log).to.deep.equal(['preview', 'full']);
    expect(seen.length).to.equal(1);
    const prefix = seen[0]?.bytes ?? new Uint8Array(0);
    expect(seen[0]?.transferSyntaxUid).to.equal('1.2.840.10008.1.2.4.90');
    expect([...prefix.subarray(0, 4)]).to.deep.equal([0xff, 0x4f, 0xff, 0x51]);
    expect(prefix.length).to.be.at.least(64 * 1024);
    expect(prefix.length).to.be.lessThan(500 * 1024);
    expect(expectPixelExact(full, await referencePixels(slice.source.sopInstanceUid, 1))).to.equal(
      undefined,
    );
  });

  it('first shows a large JPEG 2000 frame read whole from the cache reduced, decoded beside the full frame, then the exact frame', async () => {
    const fx = await fixtures();
    const series = fx.series.largeJ2k;
    const { fetch, records } = countingFetch();
    const client = new DicomwebClient({ url: ORTHANC, fetch });
    const instances = await client.retrieveSeriesMetadata(
      series.studyInstanceUid,
      series.seriesInstanceUid,
    );
    const store = new SeriesCache({ mode: 'memory' });
    const slice = firstSlice(client, series, instances, store);
    const { rows, columns } = series;
    // The fixture is smaller than a mammogram: the threshold comes down to it.
    const options = { pool, wholePreviewMinPixels: rows * columns };
    await slice.source.load(0);
    expect(await store.inventory(slice.source.frameKey(0))).to.have.length(1);
    records.length = 0;

    const log: string[] = [];
    let preview: DecodedFrame | undefined;
    const full = await new DicomwebFrameLoader(options).load(slice.dataset, 0, {
      signal: new AbortController().signal,
      priority: 0,
      onPreview: (frame) => {
        preview = frame;
        log.push('preview');
      },
    });
    log.push('full');
    expect(
      records.filter((r) => r.url.includes('/frames/')),
      'from the cache',
    ).to.deep.equal([]);
    expect(log).to.deep.equal(['preview', 'full']);
    expect(preview && isPreviewFrame(preview)).to.equal(true);
    const reduced = preview as PreviewFrame;
    // One level down at least, to at most 1024² pixels (wholePreviewLevel), from the whole codestream.
    expect(reduced.scale).to.equal(2 ** wholePreviewLevel(rows * columns, rows * columns));
    expect([reduced.rows, reduced.columns]).to.deep.equal([
      Math.ceil(rows / reduced.scale),
      Math.ceil(columns / reduced.scale),
    ]);
    expect(reduced.partial).to.equal(false);
    expect(expectPixelExact(full, await referencePixels(slice.source.sopInstanceUid, 1))).to.equal(
      undefined,
    );
    await store.close();
  });
});
