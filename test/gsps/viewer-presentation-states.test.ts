/**
 * <cb-viewer> lists the presentation states stored in the study (a GSPS we write and store in
 * Orthanc beside the demo mammogram) for the active cell, and applies the one chosen, or none.
 */
import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { createPresentationState } from '../../src/dicom/presentation-state-writer.js';
import * as tags from '../../src/dicom/tags.generated.js';
import { storePresentationState } from '../../src/session/presentation-state-store.js';
import { requireRig } from '../dicomweb/dicomweb-fixtures.js';
import { deleteFromOrthanc } from '../kos/kos-fixtures.js';
import { client, currentMammogram, view } from '../screening/screening-fixtures.js';
import { ORTHANC, manifest, mountViewer, viewports, waitFor } from '../viewer/viewer-harness.js';

describe('<cb-viewer> presentation states', function () {
  let viewer: CbViewer | undefined;
  let stored: string | undefined;
  before(async function () {
    await requireRig(this);
  });
  afterEach(async () => {
    viewer?.remove();
    viewer = undefined;
    if (stored) await deleteFromOrthanc(stored);
    stored = undefined;
  });

  it("lists the study's GSPS for the active cell's series and applies the one chosen, then none", async () => {
    const demo = await manifest();
    const mammo = await currentMammogram();
    const lcc = view(mammo, 'LCC');
    const gsps = createPresentationState(
      [{ image: lcc.image, shape: 'point', points: [[200, 300]], label: 'Calcifications' }],
      lcc.dataset,
      { name: 'LÉGER^Anaïs' },
      { contentLabel: 'SECOND READ', contentDescription: 'L2 marks' },
    );
    stored = (await storePresentationState(client, gsps)).sopInstanceUid;

    viewer = mountViewer({
      server: ORTHANC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: mammo.studyInstanceUid,
    });
    const lccViewport = await waitFor(
      () =>
        viewports(viewer!).find(
          (v) =>
            v.currentImage?.image.dataset.string(tags.SOPInstanceUID) === lcc.image.sopInstanceUid,
        ),
      'the LCC view shown',
      30000,
    );
    lccViewport.focus();
    const select = await waitFor(
      () => viewer!.shadowRoot!.querySelector<HTMLSelectElement>('.presentation-states select'),
      'the presentation state menu',
      30000,
    );
    const options = [...select.options].map((option) => option.textContent.trim());
    expect(options).to.deep.equal([
      'None (as acquired)',
      'SECOND READ — L2 marks — by LÉGER Anaïs',
    ]);
    expect(select.closest('label')?.textContent).to.contain('Presentation state');

    select.value = stored;
    select.dispatchEvent(new Event('change'));
    expect(lccViewport.presentationState?.sopInstanceUid).to.equal(stored);
    await lccViewport.updateComplete;
    const text = lccViewport.shadowRoot!.querySelector('svg.gsps .gsps-text');
    expect(text?.textContent).to.equal('Calcifications');

    select.value = '';
    select.dispatchEvent(new Event('change'));
    expect(lccViewport.presentationState).to.equal(undefined);
  });
});
