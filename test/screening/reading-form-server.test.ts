/**
 * <cb-reading-form server> against Orthanc: a first reading stored in the study stays out of the
 * DOM while the second reader reads (keyboard only); submitting stores the second report and the
 * rejection KOS with STOW-RS, then the two readings are compared with disagreements flagged.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/reading-form/cb-reading-form.js';
import type { CbReadingForm, ReadingView } from '../../src/components/reading-form/reading-form.js';
import type { ReadingSubmittedEvent } from '../../src/events/reading-submitted.js';
import {
  findScreeningReadings,
  storeScreeningReading,
  writeScreeningReading,
} from '../../src/session/screening-reading-store.js';
import { ORTHANC, requireRig } from '../dicomweb/dicomweb-fixtures.js';
import { deleteFromOrthanc } from '../kos/kos-fixtures.js';
import { waitFor } from '../viewer/viewer-harness.js';
import { client, currentMammogram, view } from './screening-fixtures.js';

describe('<cb-reading-form server> double reading through Orthanc', function () {
  const stored: string[] = [];
  before(async function () {
    await requireRig(this);
  });
  after(async () => {
    for (const sopInstanceUid of stored) await deleteFromOrthanc(sopInstanceUid);
  });

  it('hides the first reading found on the server until submission, stores the second, flags the disagreements', async () => {
    const mammo = await currentMammogram();
    const first = writeScreeningReading({
      reading: {
        studyInstanceUid: mammo.studyInstanceUid,
        right: { acr: 1, composition: 'B' },
        left: { acr: 2, composition: 'B' },
        views: [],
        findings: [],
        text: 'L1-HIDDEN-COMMENT',
        outcome: 'normal',
      },
      patientStudy: view(mammo, 'RCC').dataset,
      observer: { name: 'PREMIER^Lecteur' },
    });
    stored.push((await storeScreeningReading(client, first)).report.sopInstanceUid);
    const views: ReadingView[] = (['RCC', 'RMLO', 'LCC', 'LMLO'] as const).map((key) => ({
      image: view(mammo, key).image,
      breast: key.startsWith('R') ? 'right' : 'left',
      viewPosition: key.slice(1),
    }));
    const form = await fixture<CbReadingForm>(
      html`<cb-reading-form
        lang="fr"
        server=${ORTHANC}
        study=${mammo.studyInstanceUid}
        .views=${views}
        .observer=${{ name: 'SECOND^Lecteur' }}
      ></cb-reading-form>`,
    );
    await waitFor(
      () => form.shadowRoot!.querySelector('.prior-hidden'),
      'the notice that a previous reading exists',
    );
    expect(form.shadowRoot!.textContent).not.to.contain('L1-HIDDEN-COMMENT');
    expect(form.shadowRoot!.querySelector('[part="comparison"]')).to.equal(null);

    const submitted = new Promise<ReadingSubmittedEvent>((resolve) => {
      form.addEventListener('cb-reading-submitted', resolve, { once: true });
    });
    (document.activeElement as HTMLElement | null)?.blur();
    for (const key of ['Tab', 'KeyR', 'Digit1', 'KeyB', 'KeyV', 'KeyK', 'KeyL', 'Digit5', 'KeyD'])
      await sendKeys({ press: key });
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    stored.push(detail.report!.sopInstanceUid, detail.rejection!.sopInstanceUid);
    expect(detail.disagreements).to.deep.equal([
      { field: 'acr', breast: 'left' },
      { field: 'composition', breast: 'left' },
      { field: 'outcome' },
    ]);
    await form.updateComplete;
    expect(form.shadowRoot!.textContent).to.contain('L1-HIDDEN-COMMENT');
    expect(
      form.shadowRoot!.querySelectorAll('[part="comparison"] tr[data-disagreement="true"]'),
    ).to.have.length(3);

    const readings = await findScreeningReadings(client, mammo.studyInstanceUid);
    const second = readings.find((item) => item.sopInstanceUid === detail.report!.sopInstanceUid);
    expect(second?.left).to.deep.equal({ acr: 5, composition: 'D' });
    expect(second?.views.find((item) => item.quality === 'insufficient')?.reasons).to.deep.equal([
      'compression',
    ]);
    expect(second?.outcome).to.equal('recall-imaging');
  });
});
