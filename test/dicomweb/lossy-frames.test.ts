// Issue 18 item 5: frames asked for in a lossy transfer syntax, transcoded by the runner's real
// Orthanc (its DICOMweb plugin, DCMTK inside: the fixture CT is stored JPEG-LS lossless). Our
// decode of the very bytes received must equal DCMTK's (dcmdjpls, through the rig's
// 'reference-decode' command), stay within JPEG-LS's NEAR of the source pixels, cost fewer bytes
// than the lossless frames, and be marked lossy.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { MemorySeriesStore } from '../../src/dicomweb/memory-series-store.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { TransferSyntax } from '../../src/dicom/transfer-syntax.js';
import { decodeFrame } from '../../src/workers/decode-frame.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import {
  FAULTY_ORTHANC,
  fixtures,
  proxyCounters,
  referencePixels,
  requireRig,
  resetFaults,
} from './dicomweb-fixtures.js';

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** DCMTK's decode of one 16-bit-allocated, 12-bit grey frame (test/dicomweb/reference-decode.mjs). */
async function dcmtkDecode(bytes: Uint8Array, transferSyntaxUid: string): Promise<Uint16Array> {
  const { base64: pixels } = await executeServerCommand<{ base64: string }, unknown>(
    'reference-decode',
    {
      base64: base64(bytes),
      transferSyntaxUid,
      rows: 128,
      columns: 128,
      bitsAllocated: 16,
      bitsStored: 12,
      signed: false,
    },
  );
  const raw = Uint8Array.from(atob(pixels), (c) => c.charCodeAt(0));
  return new Uint16Array(raw.buffer);
}

describe('lossy frames from a transcoding server', function () {
  this.timeout(120_000);
  before(async function () {
    this.timeout(120_000);
    await requireRig(this);
    await fixtures();
  });
  let pool: DecodePool;
  beforeEach(async () => {
    pool = new DecodePool();
    await resetFaults();
  });
  afterEach(() => {
    pool.dispose();
  });

  it('decodes JPEG-LS near-lossless frames exactly as DCMTK does, within NEAR of the source, in fewer bytes', async () => {
    const fx = await fixtures();
    const series = fx.series.ct120;
    const client = new DicomwebClient({ url: FAULTY_ORTHANC, lossy: true });
    const instances = await client.retrieveSeriesMetadata(
      series.studyInstanceUid,
      series.seriesInstanceUid,
    );
    const loader = new SeriesLoader({
      client,
      scheduler: new RetrievalScheduler(client, { seriesRetrieval: 'always' }),
      studyInstanceUid: series.studyInstanceUid,
      seriesInstanceUid: series.seriesInstanceUid,
      instances,
      store: new MemorySeriesStore(),
    });
    const lossless = new DicomwebClient({ url: FAULTY_ORTHANC });
    let lossyBytes = 0;
    let losslessBytes = 0;
    let changed = 0;
    for (const slice of loader.slices.slice(40, 48)) {
      const encoded = await slice.source.frame(slice.frameIndex);
      expect(encoded.transferSyntaxUid, 'transcoded by the server').to.equal(
        TransferSyntax.JpegLsNearLossless,
      );
      lossyBytes += encoded.bytes.byteLength;
      const reference = await dcmtkDecode(encoded.bytes, encoded.transferSyntaxUid);
      // Read from the loader's store, not fetched again.
      const decoded = await decodeFrame(slice.dataset, slice.frameIndex, { pool });
      expect(decoded.lossy, 'marked lossy').to.equal(true);
      expect(decoded.pixels.length).to.equal(reference.length);
      const source = await referencePixels(slice.source.sopInstanceUid, slice.frameIndex + 1);
      for (let i = 0; i < reference.length; i++) {
        const pixel = decoded.pixels[i] ?? NaN;
        if (pixel !== reference[i]) expect.fail(`pixel ${String(i)}: ${pixel} ≠ DCMTK's`);
        const error = Math.abs(pixel - (source[i] ?? NaN));
        // ITU-T T.87 A.2: near-lossless coding keeps every sample within NEAR (2 for Orthanc).
        if (!(error <= 2)) expect.fail(`pixel ${String(i)}: ${String(error)} from the source`);
        if (error > 0) changed++;
      }
      for await (const frame of lossless.retrieveFrames(slice.source, [slice.frameIndex + 1]))
        losslessBytes += frame.bytes.byteLength;
    }
    expect(changed, 'the compression was not lossless').to.be.greaterThan(0);
    expect(lossyBytes, 'fewer bytes than the stored lossless frames').to.be.lessThan(losslessBytes);
    const counters = await proxyCounters();
    // A lossy client asks frame by frame: the series route would send the stored instances.
    expect(counters.paths.filter((path) => /\/series\/[0-9.]+$/.test(path))).to.deep.equal([]);
  });
});
