import { expect } from '@open-wc/testing';
import '../../src/components/viewport/cb-viewport.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { isPreviewFrame, type PreviewFrame } from '../../src/dicom/preview-frame.js';
import type { FrameLoader } from '../../src/workers/frame-loader.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import {
  FAULTY_ORTHANC,
  requireRig,
  resetFaults,
  setFaults,
} from '../dicomweb/dicomweb-fixtures.js';
import {
  firstDifference,
  fixtureBytes,
  fixtureUint16,
  progressiveFixtures,
} from './progressive-fixtures.js';

/** Stores the fixture mammogram in the runner's Orthanc (idempotent: same SOP Instance UID). */
async function uploadMammogram(file: string): Promise<void> {
  const response = await fetch('/orthanc/instances', {
    method: 'POST',
    headers: { 'Content-Type': 'application/dicom' },
    body: await fixtureBytes(file),
  });
  if (!response.ok) throw new Error(`Orthanc upload: HTTP ${response.status}`);
}

/**
 * The end of the frame's body, from the page's Resource Timing (independent of the loader): the
 * last frame request to end — Orthanc first refuses the single-part, byte-range request (400).
 */
function frameBodyEnd(sopInstanceUid: string): number | undefined {
  const ends = performance
    .getEntriesByType('resource')
    .filter((e) => e.name.includes(sopInstanceUid) && e.name.includes('/frames/'))
    .map((e) => (e as PerformanceResourceTiming).responseEnd);
  return ends.length > 0 ? Math.max(...ends) : undefined;
}

describe('Progressive display of a large JPEG 2000 frame from Orthanc over a thin link', function () {
  this.timeout(90_000);
  before(async function () {
    await requireRig(this);
  });
  let pool: DecodePool;
  let viewport: CbViewport | undefined;
  beforeEach(() => {
    pool = new DecodePool();
  });
  afterEach(async () => {
    viewport?.remove();
    viewport = undefined;
    pool.dispose();
    await resetFaults();
  });

  it('renders a reduced-resolution preview before the frame has arrived, then the exact full image', async () => {
    const fx = await progressiveFixtures();
    const { instance } = fx;
    await uploadMammogram(instance.file);
    const client = new DicomwebClient({ url: FAULTY_ORTHANC });
    const instances = await client.retrieveSeriesMetadata(
      instance.studyInstanceUid,
      instance.seriesInstanceUid,
    );
    const series = new SeriesLoader({
      client,
      scheduler: new RetrievalScheduler(client),
      studyInstanceUid: instance.studyInstanceUid,
      seriesInstanceUid: instance.seriesInstanceUid,
      instances,
    });
    const slice = series.slices[0];
    if (!slice) throw new Error('no slice');
    // 4 Mbit/s: the ~3.3 MB codestream takes about 6.5 s; 128 KiB arrive in a quarter second.
    await setFaults({ mbps: 4 });

    // Records what the real loader hands over; changes nothing.
    const dicomwebLoader = new DicomwebFrameLoader({ pool });
    const handed: { preview: PreviewFrame | undefined; full: DecodedFrame | undefined } = {
      preview: undefined,
      full: undefined,
    };
    const recording: FrameLoader = {
      load: (dataset, frame, options) =>
        dicomwebLoader
          .load(dataset, frame, {
            ...options,
            onPreview: (preview) => {
              if (isPreviewFrame(preview)) handed.preview = preview;
              options.onPreview?.(preview);
            },
          })
          .then((full) => {
            handed.full = full;
            return full;
          }),
    };
    const rendered: { quality: string; at: number }[] = [];
    const element = document.createElement('cb-viewport');
    viewport = element;
    element.style.width = '400px';
    element.style.height = '500px';
    element.frameLoader = recording;
    const full = new Promise<void>((resolve) => {
      element.addEventListener('cb-image-rendered', (event) => {
        rendered.push({ quality: event.detail.quality, at: performance.now() });
        if (event.detail.quality === 'full') resolve();
      });
    });
    document.body.append(element);
    element.stack = [slice.dataset];
    await full;

    expect(rendered.map((r) => r.quality)).to.deep.equal(['preview', 'full']);
    const bodyEnd = frameBodyEnd(instance.sopInstanceUid);
    expect(bodyEnd, 'frame request in Resource Timing').to.be.a('number');
    const previewAt = rendered[0]?.at ?? Infinity;
    // Drawn before the frame's body ended. How much earlier is a speed, measured by the bench (a
    // ratio of times failed here under heavy load); that it came from a small prefix of the bytes
    // is what the partial level-3 decode below proves.
    expect(previewAt).to.be.below(bodyEnd ?? -Infinity);

    // The preview is the true level-3 image (native OpenJPEG `-r 3` of the whole file) …
    const preview = handed.preview;
    if (!preview) throw new Error('no preview handed over');
    expect(preview.partial).to.equal(true);
    // 128 KiB of 3.3 MB (~4 %) hold level 3 (~1/64 of the bytes), not level 2 (~1/16).
    expect(preview.resolutionLevel).to.equal(3);
    const ref = fx.codestreams.j2k.references.find((r) => r.level === 3);
    if (!ref) throw new Error('no level-3 reference');
    expect(firstDifference(preview, await fixtureUint16(ref.full))).to.equal(undefined);
    // … and the final image is the source, sample for sample.
    if (!handed.full) throw new Error('no full frame');
    expect([handed.full.columns, handed.full.rows]).to.deep.equal([fx.columns, fx.rows]);
    expect(firstDifference(handed.full, await fixtureUint16('source.raw'))).to.equal(undefined);
  });
});
