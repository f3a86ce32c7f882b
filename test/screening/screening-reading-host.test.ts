/**
 * <cb-screening-reading> as a host wires it (issue 16, the demo engineer's four asks): a bearer
 * renewed through a headers function and `refreshToken` while the fault proxy in front of the
 * runner's Orthanc expires it (no restart of the list), readings kept by the host's `store` (a
 * read-only archive: nothing stored on the server), and the focus handed to the first case's form
 * once it has the case's views, so the reader types at once, without Tab.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/screening-reading/cb-screening-reading.js';
import type {
  CbScreeningReading,
  ReadingCase,
} from '../../src/components/screening-reading/screening-reading.js';
import type {
  CbReadingForm,
  ReadingSubmission,
} from '../../src/components/reading-form/reading-form.js';
import type { ReadingCaseChangeEvent } from '../../src/events/reading-case-change.js';
import type { ReadingSubmittedEvent } from '../../src/events/reading-submitted.js';
import {
  FAULTY_ORTHANC,
  ORTHANC,
  proxyCounters,
  requireRig,
  resetFaults,
  setFaults,
} from '../dicomweb/dicomweb-fixtures.js';
import { deleteFromOrthanc } from '../kos/kos-fixtures.js';
import { eventOn, waitFor } from '../waits.js';
import { makeScreeningPatient, type ScreeningPatient } from './reading-list-data.mjs';

async function store(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const response = await fetch('/orthanc/instances', {
    method: 'POST',
    headers: { 'Content-Type': 'application/dicom' },
    body: bytes,
  });
  if (!response.ok) throw new Error(`Orthanc refused an instance: ${String(response.status)}`);
}

/** The case's form, once it holds the case's four views (what its SR is written from). */
function formWithViews(reading: CbScreeningReading, study: string): Promise<CbReadingForm> {
  return waitFor(
    () => {
      const form = reading.shadowRoot!.querySelector<CbReadingForm>('cb-reading-form');
      return form !== null && form.study === study && form.views.length === 4 && form;
    },
    "the case's form with its four views",
    60000,
  );
}

/** A reading typed with the form's keys: right ACR 1, left ACR 2, outcome normal, Enter. */
async function typeReading(): Promise<void> {
  for (const key of ['KeyR', 'Digit1', 'KeyL', 'Digit2', 'KeyN', 'Enter'])
    await sendKeys({ press: key });
}

/** SR series Orthanc holds in the study (QIDO-RS, PS3.18 10.6). */
async function srSeries(study: string): Promise<number> {
  const response = await fetch(`${ORTHANC}/studies/${study}/series?Modality=SR`, {
    headers: { Accept: 'application/dicom+json' },
  });
  if (response.status === 204) return 0;
  return ((await response.json()) as unknown[]).length;
}

describe('<cb-screening-reading> as a host wires it', function () {
  this.timeout(180000);
  let a: ScreeningPatient;
  let b: ScreeningPatient;
  const stored: string[] = [];

  before(async function () {
    await requireRig(this);
    a = await makeScreeningPatient(store);
    b = await makeScreeningPatient(store);
  });

  afterEach(() => resetFaults());

  after(async () => {
    for (const sop of stored) await deleteFromOrthanc(sop);
  });

  function mount(options: {
    server: string;
    cases: ReadingCase[];
    configure?: (reading: CbScreeningReading) => void;
  }): Promise<CbScreeningReading> {
    return fixture<CbScreeningReading>(
      html`<cb-screening-reading
        style="display:grid;width:1200px;height:700px"
        lang="en"
        server=${options.server}
        .cases=${options.cases}
        .reader=${{ name: 'SECOND^Lecteur', loginName: 'lecteur2' }}
      ></cb-screening-reading>`,
    ).then((reading) => {
      options.configure?.(reading);
      return reading;
    });
  }

  it('renews an expired bearer through refreshToken for the form, the list and the viewer, the list not restarted', async () => {
    let valid = 'bearer-1';
    await setFaults({ auth: { token: valid } });
    let bearer = valid;
    let refreshes = 0;
    const reading = await fixture<CbScreeningReading>(
      html`<cb-screening-reading
        style="display:grid;width:1200px;height:700px"
        lang="en"
        server=${FAULTY_ORTHANC}
        .cases=${[{ studyInstanceUid: a.current.study }, { studyInstanceUid: b.current.study }]}
        .reader=${{ name: 'SECOND^Lecteur', loginName: 'lecteur2' }}
        .requestHeaders=${() => ({ Authorization: `Bearer ${bearer}` })}
        .refreshToken=${() => {
          refreshes += 1;
          bearer = valid;
          return Promise.resolve();
        }}
      ></cb-screening-reading>`,
    );
    const form = await formWithViews(reading, a.current.study);
    expect(refreshes, 'no 401 while the first bearer is valid').to.equal(0);

    // The bearer expires: the form's STOW-RS is refused once, then sent with the renewed one.
    valid = 'bearer-2';
    await setFaults({ auth: { token: valid } });
    const submitted = eventOn<ReadingSubmittedEvent>(reading, 'cb-reading-submitted');
    form.focus();
    await typeReading();
    const { detail } = await submitted;
    stored.push(detail.report!.sopInstanceUid);
    expect(detail.reading.studyInstanceUid).to.equal(a.current.study);
    const afterStore = refreshes;
    expect(afterStore, "the form's 401 renewed the bearer").to.be.greaterThan(0);

    // Again: the next case is searched (QIDO-RS), shown and given its views with the new bearer.
    valid = 'bearer-3';
    await setFaults({ auth: { token: valid } });
    const moved = eventOn<ReadingCaseChangeEvent>(reading, 'cb-reading-case-change');
    await sendKeys({ press: 'KeyJ' });
    expect((await moved).detail).to.deep.equal({ index: 1, studyInstanceUid: b.current.study });
    await formWithViews(reading, b.current.study);
    expect(refreshes).to.be.greaterThan(afterStore);
    expect((await proxyCounters()).unauthorized).to.be.greaterThan(0);
    // The same list all along: case 1 still reads as read.
    expect(reading.shadowRoot!.querySelector('[part="progress"]')!.textContent).to.contain(
      '1 read',
    );
  });

  it("hands the focus to the first case's form once it has the views, and keeps readings with the host's store (nothing stored on the server)", async () => {
    const kept: ReadingSubmission[] = [];
    const reading = await mount({
      server: ORTHANC,
      cases: [{ studyInstanceUid: b.current.study }],
      configure: (element) => {
        element.store = (submission) => {
          kept.push(submission);
          return Promise.resolve();
        };
      },
    });
    const before = await srSeries(b.current.study);
    // The host focuses the workstation before the case is even resolved.
    reading.focus();
    const form = await formWithViews(reading, b.current.study);
    await waitFor(() => reading.shadowRoot!.activeElement === form, 'the focus in the form');

    // No Tab: the reader types the reading at once.
    const submitted = eventOn<ReadingSubmittedEvent>(reading, 'cb-reading-submitted');
    await typeReading();
    const { detail } = await submitted;
    expect(kept).to.have.length(1);
    expect(kept[0]!.reading.studyInstanceUid).to.equal(b.current.study);
    expect(kept[0]!.reading.left.acr).to.equal(2);
    expect(detail.report, 'nothing stored by the element').to.equal(undefined);
    expect(await srSeries(b.current.study)).to.equal(before);

    // Focused again from outside, the case open: the form gets the focus at once.
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    expect(reading.shadowRoot!.activeElement).to.equal(null);
    reading.focus();
    await waitFor(() => reading.shadowRoot!.activeElement === form, 'the focus back in the form');
    outside.remove();
  });
});
