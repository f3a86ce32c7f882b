import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cb-reading-form.js';
import type { CbReadingForm, ReadingSubmission } from './reading-form.js';
import type { ReadingView } from './reading-form-view.js';
import { readingKeyAction } from './reading-keys.js';
import type { ScreeningReading } from '../../dicom/breast-reading.js';
import { datasetFromDicomJson } from '../../dicom/json-dataset.js';
import type { ReadingSubmittedEvent } from '../../events/reading-submitted.js';

const STUDY = '2.25.1001';
const SERIES = '2.25.1002';
const MG = '1.2.840.10008.5.1.4.1.1.1.2';
const views: ReadingView[] = (['RCC', 'RMLO', 'LCC', 'LMLO'] as const).map((name, index) => ({
  image: {
    studyInstanceUid: STUDY,
    seriesInstanceUid: SERIES,
    sopClassUid: MG,
    sopInstanceUid: `2.25.200${index}`,
  },
  breast: name.startsWith('R') ? 'right' : 'left',
  viewPosition: name.slice(1),
}));
const patientStudy = datasetFromDicomJson({
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'SECRET^Patient' }] },
  '00100020': { vr: 'LO', Value: ['PID-1'] },
  '0020000D': { vr: 'UI', Value: [STUDY] },
});
const observer = { name: 'READER^Second' };
/** A first reader found both breasts normal. */
const prior: ScreeningReading = {
  studyInstanceUid: STUDY,
  right: { acr: 1, composition: 'B' },
  left: { acr: 1, composition: 'B' },
  views: [],
  findings: [],
  text: 'FIRST-READER-COMMENT',
  outcome: 'normal',
};

async function mount(
  options: { blinding?: 'on' | 'off'; lang?: string } = {},
): Promise<{ form: CbReadingForm; stored: ReadingSubmission[] }> {
  const stored: ReadingSubmission[] = [];
  const form = await fixture<CbReadingForm>(
    html`<cb-reading-form
      lang=${options.lang ?? 'en'}
      study=${STUDY}
      blinding=${options.blinding ?? 'on'}
      .views=${views}
      .observer=${observer}
      .patientStudy=${patientStudy}
      .priorReadings=${[prior]}
      .store=${(submission: ReadingSubmission) => {
        stored.push(submission);
        return Promise.resolve();
      }}
    ></cb-reading-form>`,
  );
  return { form, stored };
}

/** Tab from the top of the page: the form is the first stop (it takes the focus itself). */
async function tabToForm(form: CbReadingForm): Promise<void> {
  (document.activeElement as HTMLElement | null)?.blur();
  await sendKeys({ press: 'Tab' });
  expect(document.activeElement).to.equal(form);
}

async function press(...keys: string[]): Promise<void> {
  for (const key of keys) await sendKeys({ press: key });
}

function shadowText(form: CbReadingForm): string {
  return form.shadowRoot?.textContent ?? '';
}

describe('<cb-reading-form>', () => {
  it('is read with the keyboard alone: breast, ACR, composition, view, quality reason, Enter', async () => {
    const { form, stored } = await mount();
    await tabToForm(form);
    const submitted = new Promise<ReadingSubmittedEvent>((resolve) => {
      form.addEventListener('cb-reading-submitted', resolve, { once: true });
    });
    await press('KeyR', 'Digit1', 'KeyB', 'KeyL', 'Digit4', 'KeyC', 'KeyV', 'KeyP', 'KeyM');
    await press('Enter');
    const { detail } = await submitted;
    expect(detail.reading.right).to.deep.equal({ acr: 1, composition: 'B' });
    expect(detail.reading.left).to.deep.equal({ acr: 4, composition: 'C' });
    const lmlo = detail.reading.views.find((view) => view.image.sopInstanceUid === '2.25.2003');
    expect(lmlo?.quality).to.equal('insufficient');
    expect(lmlo?.reasons).to.deep.equal(['positioning', 'motion']);
    expect(detail.reading.views.filter((view) => view.quality === 'adequate')).to.have.length(3);
    // ACR 4 on the left: the outcome the form offers is a recall for further imaging.
    expect(detail.reading.outcome).to.equal('recall-imaging');
    expect(detail.codes.left.acr).to.deep.equal({
      value: '397144001',
      scheme: 'SCT',
      meaning: '4 - Suspicious',
    });
    expect(detail.codes.right.composition?.value).to.equal('129717001');
    expect(JSON.stringify(detail), 'no name in the event').not.to.match(/READER|SECRET/);
    expect(stored).to.have.length(1);
    expect(stored[0]!.written.rejection, 'an insufficient view makes a rejection KOS').to.exist;
  });

  it('keeps a previous reading out of the DOM until submission, then flags the disagreements per breast', async () => {
    const { form } = await mount();
    expect(form.shadowRoot!.querySelector('[part="comparison"]')).to.equal(null);
    expect(shadowText(form)).not.to.contain('FIRST-READER-COMMENT');
    expect(form.shadowRoot!.querySelector('.prior-hidden')).to.exist;
    const submitted = new Promise((resolve) => {
      form.addEventListener('cb-reading-submitted', resolve, { once: true });
    });
    await tabToForm(form);
    await press('KeyR', 'Digit2', 'KeyB', 'KeyL', 'Digit4', 'KeyC', 'Enter');
    await submitted;
    await form.updateComplete;
    const comparison = form.shadowRoot!.querySelector('[part="comparison"]');
    expect(comparison).to.exist;
    expect(shadowText(form)).to.contain('FIRST-READER-COMMENT');
    const flagged = [...comparison!.querySelectorAll('tr[data-disagreement="true"] th')].map(
      (cell) => cell.textContent.trim(),
    );
    // Right: ACR 1 against 2, both "normal": no disagreement. Left: 1 against 4, B against C.
    expect(flagged).to.deep.equal([
      'Left breast · ACR assessment',
      'Left breast · Breast composition',
      'Outcome',
    ]);
    expect(comparison!.textContent).to.contain('3 disagreements');
    expect(form.shadowRoot!.activeElement?.id, 'focus moves to the comparison').to.equal(
      'comparison-title',
    );
  });

  it('shows the previous reading at once when the host turns blinding off', async () => {
    const { form } = await mount({ blinding: 'off' });
    expect(form.shadowRoot!.querySelector('[part="comparison"]')).to.exist;
    expect(shadowText(form)).to.contain('FIRST-READER-COMMENT');
  });

  it('refuses to submit without an ACR category for each breast, and stores nothing', async () => {
    const { form, stored } = await mount();
    let fired = false;
    form.addEventListener('cb-reading-submitted', () => (fired = true));
    await tabToForm(form);
    await press('KeyR', 'Digit1', 'Enter');
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('[role="status"]')?.textContent).to.contain(
      'ACR category for each breast',
    );
    expect(fired).to.equal(false);
    expect(stored).to.have.length(0);
  });

  it('speaks French, and is accessible (labels, roles)', async () => {
    const { form } = await mount({ lang: 'fr' });
    expect(shadowText(form)).to.contain('Sein droit');
    expect(shadowText(form)).to.contain('Classification ACR');
    expect(form.shadowRoot!.querySelectorAll('[role="radiogroup"]')).to.have.length(5);
    await expect(form).to.be.accessible();
  });

  it('reads digits from the physical key, so AZERTY types categories without Shift', () => {
    const key = { ctrlKey: false, metaKey: false, altKey: false };
    expect(readingKeyAction({ ...key, key: '&', code: 'Digit1' })).to.deep.equal({
      kind: 'acr',
      acr: 1,
    });
    expect(readingKeyAction({ ...key, key: 'é', code: 'Digit2' })).to.deep.equal({
      kind: 'acr',
      acr: 2,
    });
    expect(readingKeyAction({ ...key, key: '6', code: 'Digit6' })).to.equal(undefined);
    expect(readingKeyAction({ ...key, key: 'r', code: 'KeyR', ctrlKey: true })).to.equal(undefined);
  });

  it('attaches marks the host draws to the last finding', async () => {
    const { form } = await mount();
    form.shadowRoot!.querySelector<HTMLButtonElement>('.add-finding')!.click();
    await form.updateComplete;
    form.addMark({ image: views[2]!.image, shape: 'point', points: [[10, 20]] });
    await form.updateComplete;
    expect(form.reading.findings[0]?.marks).to.have.length(1);
    expect(shadowText(form)).to.contain('1 mark');
  });

  it('holds Submit and Enter until it has an image of the study, says so, then stores', async () => {
    const { form, stored } = await mount();
    // As in a reading list whose case's metadata is still on its way: the study, no image yet.
    form.views = [];
    form.patientStudy = undefined;
    let fired = 0;
    form.addEventListener('cb-reading-submitted', () => (fired += 1));
    await tabToForm(form);
    await press('KeyR', 'Digit1', 'KeyL', 'Digit2', 'Enter');
    await form.updateComplete;
    const status = (): string =>
      form.shadowRoot!.querySelector('[role="status"]')?.textContent ?? '';
    const button = form.shadowRoot!.querySelector<HTMLButtonElement>('button.submit')!;
    expect(status()).to.contain('Waiting for the images of the study');
    expect(button.disabled).to.equal(true);
    await form.submit();
    expect(status()).not.to.contain('could not be stored');
    expect([fired, stored.length]).to.deep.equal([0, 0]);
    form.views = views;
    form.patientStudy = patientStudy;
    await form.updateComplete;
    expect(button.disabled).to.equal(false);
    expect(status()).to.equal('');
    await press('Enter');
    await waitUntil(() => stored.length === 1, 'the reading stored once the images are known');
    expect(stored[0]!.reading.right.acr).to.equal(1);
    expect(fired).to.equal(1);
  });
});
