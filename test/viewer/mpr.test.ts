import { expect } from '@open-wc/testing';
import type { CbMpr } from '../../src/components/mpr/mpr.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import '../../src/components/mpr/cb-mpr.js';
import {
  allRendered,
  manifest,
  mountViewer,
  STATIC,
  studySeries,
  viewports,
  waitFor,
} from './viewer-harness.js';

/** The `<cb-mpr>` of a viewer once its volume is whole and its three planes drawn. */
async function mprDrawn(viewer: CbViewer): Promise<CbMpr> {
  const mpr = await waitFor(
    () => viewer.shadowRoot!.querySelector('cb-mpr') ?? undefined,
    'the viewer shows <cb-mpr>',
    30000,
  );
  await waitFor(
    () => mpr.totalSlices > 0 && mpr.loadedSlices === mpr.totalSlices,
    'every slice of the CT in the volume',
    60000,
  );
  await mpr.whenDrawn();
  for (const plane of ['axial', 'coronal', 'sagittal'] as const) {
    const drawn = mpr.planeImage(plane);
    expect(drawn, plane).to.not.equal(undefined);
    // Tissue, not only air or padding: the planes cross the phantom's body.
    expect(
      drawn!.image.pixels.some((value) => value > -500),
      plane,
    ).to.equal(true);
  }
  return mpr;
}

describe('<cb-viewer> MPR (demo CT, static DICOMweb tree, real workers)', () => {
  const mounted: CbViewer[] = [];
  afterEach(() => {
    for (const viewer of mounted.splice(0)) viewer.remove();
  });

  it('switches the CT to three linked planes with the toolbar action, and back', async () => {
    const demo = await manifest();
    const viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
    });
    mounted.push(viewer);
    await allRendered(viewer, 1);
    const button = viewer.shadowRoot!.querySelector<HTMLButtonElement>('button.mpr')!;
    await waitFor(() => !button.disabled, 'the MPR action available for the CT');
    const series = viewports(viewer)[0]!.stack.length;
    button.click();
    const mpr = await mprDrawn(viewer);
    expect(mpr.totalSlices).to.equal(series);
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(viewports(viewer)).to.have.length(0);
    button.click();
    await viewer.updateComplete;
    expect(viewer.shadowRoot!.querySelector('cb-mpr')).to.equal(null);
    await waitFor(() => viewports(viewer).length > 0, 'the grid back');
  });

  it('opens the CT in MPR under the volume-mpr hanging protocol', async () => {
    const demo = await manifest();
    const viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      protocol: 'volume-mpr',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
    });
    mounted.push(viewer);
    const opened = new Promise<string>((resolve) => {
      viewer.addEventListener('cb-study-opened', (event) => {
        resolve(event.detail.protocolId);
      });
    });
    expect(await opened).to.equal('volume-mpr');
    const mpr = await mprDrawn(viewer);
    expect(mpr.series).to.not.equal('');
  });

  it('stands alone: <cb-mpr server study series> fetches the CT itself and passes axe', async () => {
    const demo = await manifest();
    const study = demo.studies.currentCt.studyInstanceUid;
    const ct = (await studySeries(STATIC, study)).find(
      (series) => series.modality === 'CT' && series.instances.length >= 3,
    )!;
    const mpr = document.createElement('cb-mpr');
    mpr.style.cssText = 'display:flex;width:900px;height:400px';
    mpr.setAttribute('server', STATIC);
    mpr.setAttribute('study', study);
    mpr.setAttribute('series', ct.seriesInstanceUid);
    document.body.append(mpr);
    try {
      await waitFor(
        () => mpr.totalSlices > 0 && mpr.loadedSlices === mpr.totalSlices,
        'every slice of the CT in the volume',
        60000,
      );
      await mpr.whenDrawn();
      expect(mpr.totalSlices).to.equal(ct.instances.length);
      expect(mpr.planeImage('sagittal')!.image.pixels.some((value) => value > -500)).to.equal(true);
      await expect(mpr).to.be.accessible();
    } finally {
      mpr.remove();
    }
  });
});
