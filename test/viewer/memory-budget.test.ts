import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import {
  STATIC,
  allRendered,
  manifest,
  mountViewer,
  studySeries,
  value,
  waitFor,
} from './viewer-harness.js';

/** Resolves once the viewport shows the slice at `index` in full. */
function nextImage(viewport: CbViewport, index: number): Promise<unknown> {
  return waitFor(
    () =>
      viewport.currentImage?.image.dataset === viewport.stack[index] &&
      viewport.currentImage?.quality === 'full',
    `slice ${String(index)}`,
  );
}

describe('<cb-viewer> memory-budget', () => {
  let viewer: CbViewer | undefined;
  afterEach(() => {
    viewer?.remove();
    viewer = undefined;
  });

  it('bounds the decoded images of all its cells together; a slice scrolled back to is shown again', async function () {
    this.timeout(40000);
    const demo = await manifest();
    const study = demo.studies.currentCt.studyInstanceUid;
    const ct = (await studySeries(STATIC, study)).find((series) => series.modality === 'CT')!;
    const first = ct.instances[0]!;
    const sliceBytes = Number(value(first, '00280010')) * Number(value(first, '00280011')) * 2;
    // Room for two and a half decoded slices.
    const budget = Math.floor(sliceBytes * 2.5);
    viewer = mountViewer({
      server: STATIC,
      cache: 'memory',
      'prefetch-budget': '0',
      'memory-budget': String(budget),
      'patient-id': demo.patient.patientId,
      study,
    });
    const [viewport] = await allRendered(viewer, 1);
    if (!viewport) throw new Error('no viewport');
    const cache = viewer.viewerServices?.cache;
    const slices = viewport.stack.length;
    expect(viewport.currentImage?.frame.pixels.byteLength).to.equal(sliceBytes);
    // The scroll must decode more than the budget holds, or the bound proves nothing.
    expect(slices * sliceBytes).to.be.greaterThan(budget);
    const shownFirst = viewport.currentImage?.frame.pixels;
    const start = viewport.index;
    for (let index = 0; index < slices; index += 1) {
      const shown = nextImage(viewport, index);
      viewport.index = index;
      await shown;
      expect(cache?.decodedBytes ?? Infinity).to.be.at.most(budget);
    }
    // The viewer's memory is where the decoded slices are: full to its bound, not beyond.
    expect(cache?.decodedBytes).to.be.at.least(2 * sliceBytes);
    const back = nextImage(viewport, start);
    viewport.index = start;
    await back;
    expect(viewport.currentImage?.quality).to.equal('full');
    expect(viewport.currentImage?.frame.pixels).to.deep.equal(shownFirst);
  });
});
