/**
 * <cb-screening-reading> against Orthanc, keyboard only: fictional screening patients (one with
 * a prior, one with a view and the prior missing) walked through with F (steps) and J (cases),
 * an accession number resolved and an unknown one shown as such, host steps, the next case
 * fetched before the move and drawn after it with no frame request, and a reading submitted from
 * the form inside the element.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/screening-reading/cb-screening-reading.js';
import type {
  CbScreeningReading,
  ReadingCase,
  ReadingStep,
} from '../../src/components/screening-reading/screening-reading.js';
import type { CbReadingForm } from '../../src/components/reading-form/reading-form.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { ReadingCaseChangeEvent } from '../../src/events/reading-case-change.js';
import type { ReadingStepChangeEvent } from '../../src/events/reading-step-change.js';
import type { ReadingSubmittedEvent } from '../../src/events/reading-submitted.js';
import { deleteFromOrthanc } from '../kos/kos-fixtures.js';
import { eventOn } from '../waits.js';
import { ORTHANC, viewportAt, waitFor } from '../viewer/viewer-harness.js';
import { makeScreeningPatient, type ScreeningPatient } from './reading-list-data.mjs';

async function store(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const response = await fetch('/orthanc/instances', {
    method: 'POST',
    headers: { 'Content-Type': 'application/dicom' },
    body: bytes,
  });
  if (!response.ok) throw new Error(`Orthanc refused an instance: ${String(response.status)}`);
}

/** The SOP Instance UID each viewport last drew (cb-image-rendered bubbles and is composed). */
const drawn = new WeakMap<EventTarget, string | undefined>();
document.addEventListener('cb-image-rendered', (event) => {
  const [viewport] = event.composedPath();
  if (viewport) drawn.set(viewport, event.detail.sopInstanceUid);
});

type Expected = (string | undefined)[][];

function viewerOf(reading: CbScreeningReading): CbViewer {
  const viewer = reading.shadowRoot!.querySelector('cb-viewer');
  if (!viewer) throw new Error('no viewer in the reading list');
  return viewer;
}

function maybeViewer(reading: CbScreeningReading): CbViewer | null {
  return reading.shadowRoot!.querySelector('cb-viewer');
}

/** Waits until the viewer's grid is `expected` (rows of SOP UIDs, undefined = empty) and drawn. */
async function hung(reading: CbScreeningReading, expected: Expected, what: string): Promise<void> {
  await waitFor(
    () => {
      const viewer = maybeViewer(reading);
      if (!viewer) return false;
      const layout = viewer.getLayout();
      const cells = expected.flat().length;
      if (layout.length !== cells) return false;
      return expected.every((row, r) =>
        row.every((sop, c) => {
          const cell = layout.find((item) => item.row === r && item.column === c);
          if (cell?.sopInstanceUid !== sop) return false;
          if (sop === undefined) return true;
          const viewport = viewportAt(viewer, r, c);
          return viewport !== undefined && drawn.get(viewport) === sop;
        }),
      );
    },
    what,
    20000,
  );
}

function sops(
  study: { sop: Map<string, string> } | undefined,
  ...views: string[]
): (string | undefined)[] {
  return views.map((view) => study?.sop.get(view));
}

/** Pixel requests (WADO-RS below a series, not its metadata) made so far for these studies. */
function pixelRequests(...studies: string[]): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (entry) =>
      studies.some((study) => entry.name.includes(`/studies/${study}/series/`)) &&
      !entry.name.endsWith('/metadata'),
  );
}

async function press(reading: CbScreeningReading, key: string, shift = false): Promise<void> {
  if (!reading.matches(':focus-within')) reading.focus();
  if (shift) await sendKeys({ down: 'Shift' });
  await sendKeys({ press: key });
  if (shift) await sendKeys({ up: 'Shift' });
}

describe('<cb-screening-reading> through Orthanc', function () {
  this.timeout(120000);
  let a: ScreeningPatient;
  let b: ScreeningPatient;
  let c: ScreeningPatient;
  const stored: string[] = [];

  before(async function () {
    if (
      !(await fetch('/orthanc/system').then(
        (r) => r.ok,
        () => false,
      ))
    )
      this.skip();
    performance.setResourceTimingBufferSize(100000);
    a = await makeScreeningPatient(store);
    // A first screening with the left MLO missing: no prior, one view short.
    b = await makeScreeningPatient(store, { views: ['RCC', 'LCC', 'RMLO'], prior: false });
    c = await makeScreeningPatient(store);
  });

  after(async () => {
    for (const sop of stored) await deleteFromOrthanc(sop);
  });

  async function mount(cases: ReadingCase[], steps?: ReadingStep[]): Promise<CbScreeningReading> {
    const reading = await fixture<CbScreeningReading>(
      html`<cb-screening-reading
        style="display:grid;width:1200px;height:700px"
        lang="en"
        server=${ORTHANC}
        .cases=${cases}
        .reader=${{ name: 'SECOND^Lecteur', loginName: 'lecteur2' }}
        .steps=${steps ?? []}
      ></cb-screening-reading>`,
    );
    return reading;
  }

  it('walks the default steps with F and the cases with J: right cells, missing view and prior labelled, accession numbers resolved, unknown shown', async () => {
    const firstCase = eventOn<ReadingCaseChangeEvent>(document, 'cb-reading-case-change');
    const reading = await mount([
      { studyInstanceUid: a.current.study },
      { accessionNumber: b.current.accessionNumber },
      { accessionNumber: 'NO-SUCH-ACC-42' },
    ]);
    expect((await firstCase).detail).to.deep.equal({ index: 0, studyInstanceUid: a.current.study });
    const all = ['RCC', 'LCC', 'RMLO', 'LMLO'];
    await hung(reading, [sops(a.current, ...all)], 'step 1: the four current views of case 1');
    const header = (): string => reading.shadowRoot!.querySelector('header')!.textContent;
    expect(header()).to.contain('Case 1 / 3').and.contain('Step 1 / 4: Current views');
    expect(header()).to.contain('F next step').and.contain('J next case');

    const step = (): Promise<ReadingStepChangeEvent> =>
      eventOn<ReadingStepChangeEvent>(document, 'cb-reading-step-change');
    let moved = step();
    await press(reading, 'f');
    expect((await moved).detail).to.deep.equal({ index: 1, step: 'compare-cc', view: undefined });
    await hung(
      reading,
      [sops(a.prior, 'RCC', 'LCC'), sops(a.current, 'RCC', 'LCC')],
      'step 2: prior CC above current CC',
    );
    expect(viewerOf(reading).shadowRoot!.querySelectorAll('.cell.prior')).to.have.length(2);
    moved = step();
    await press(reading, 'f');
    expect((await moved).detail.step).to.equal('compare-mlo');
    await hung(
      reading,
      [sops(a.prior, 'RMLO', 'LMLO'), sops(a.current, 'RMLO', 'LMLO')],
      'step 3: prior MLO above current MLO',
    );
    for (const view of all) {
      moved = step();
      await press(reading, 'f');
      expect((await moved).detail).to.deep.equal({ index: 3, step: 'one-to-one', view });
      await hung(reading, [sops(a.current, view)], `step 4: ${view} alone`);
      expect(viewerOf(reading).oneToOne, `${view} at 1:1`).to.equal(true);
      expect(header()).to.contain(`Each view at 1:1 (${view})`);
    }
    expect(reading.nextStep(), 'no step after the last view').to.equal(false);
    await press(reading, 'KeyF', true);
    await hung(reading, [sops(a.current, 'RMLO')], 'Shift+F: back to RMLO');

    const second = eventOn<ReadingCaseChangeEvent>(document, 'cb-reading-case-change');
    await press(reading, 'j');
    expect((await second).detail).to.deep.equal({ index: 1, studyInstanceUid: b.current.study });
    expect(reading.getAttribute('index')).to.equal('1');
    await hung(
      reading,
      [[...sops(b.current, 'RCC', 'LCC', 'RMLO'), undefined]],
      'case 2, step 1: three views and the missing LMLO',
    );
    expect(viewerOf(reading).oneToOne, 'a new case starts at step 1').to.equal(false);
    await waitFor(
      () => reading.shadowRoot!.activeElement?.localName === 'cb-reading-form',
      'the focus in the new case’s form',
    );
    const empty = (): string[] =>
      [...viewerOf(reading).shadowRoot!.querySelectorAll('.cell')]
        .filter((cell) => cell.querySelector('.message.empty'))
        .map((cell) => cell.textContent.replace(/\s+/g, ' ').trim());
    expect(empty()).to.have.length(1);
    expect(empty()[0]).to.contain('LMLO').and.contain('No image for this view');
    await press(reading, 'f');
    await hung(
      reading,
      [[undefined, undefined], sops(b.current, 'RCC', 'LCC')],
      'case 2, step 2: no prior, its cells kept and empty',
    );
    expect(
      viewerOf(reading).shadowRoot!.querySelectorAll('.cell.prior .message.empty'),
    ).to.have.length(2);

    const third = eventOn<ReadingCaseChangeEvent>(document, 'cb-reading-case-change');
    await press(reading, 'j');
    expect((await third).detail).to.deep.equal({ index: 2, studyInstanceUid: undefined });
    const notice = await waitFor(
      () => reading.shadowRoot!.querySelector('[part="notice"][data-status="unknown"]'),
      'the unknown case notice',
    );
    expect(notice.textContent).to.contain('No study on the server answers to this case');
    expect(viewerOf(reading).hidden, 'no images of another case under the notice').to.equal(true);
    expect(reading.shadowRoot!.querySelector('cb-reading-form')).to.equal(null);
    expect(header()).to.contain('Case 3 / 3');
    expect(document.activeElement, 'the keys stay with the list').to.equal(reading);
    expect(reading.nextCase(), 'no case after the last').to.equal(false);
    await press(reading, 'KeyJ', true);
    await waitFor(() => reading.index === 1 && !viewerOf(reading).hidden, 'back to case 2');
  });

  it('hangs the steps the host gives', async () => {
    const reading = await mount(
      [{ studyInstanceUid: c.current.study }],
      [
        {
          id: 'mlo-first',
          label: { en: 'MLO, current under prior', fr: 'MLO' },
          cells: [
            { study: 'prior', view: 'RMLO' },
            { study: 'prior', view: 'LMLO' },
            { study: 'current', view: 'RMLO' },
            { study: 'current', view: 'LMLO' },
          ],
          columns: 2,
        },
        {
          id: 'right-cc',
          label: 'RCC 1:1',
          cells: [{ study: 'current', view: 'RCC' }],
          oneToOne: true,
        },
      ],
    );
    await hung(
      reading,
      [sops(c.prior, 'RMLO', 'LMLO'), sops(c.current, 'RMLO', 'LMLO')],
      "the host's first step",
    );
    expect(reading.shadowRoot!.querySelector('header')!.textContent).to.contain(
      'Step 1 / 2: MLO, current under prior',
    );
    const moved = eventOn<ReadingStepChangeEvent>(document, 'cb-reading-step-change');
    await press(reading, 'f');
    expect((await moved).detail).to.deep.equal({ index: 1, step: 'right-cc', view: undefined });
    await hung(reading, [sops(c.current, 'RCC')], "the host's second step");
    expect(viewerOf(reading).oneToOne).to.equal(true);
  });

  it('fetches the next case before the move, then draws it with no frame request', async () => {
    const fresh = await makeScreeningPatient(store);
    const next = await makeScreeningPatient(store);
    const reading = await mount([
      { studyInstanceUid: fresh.current.study },
      { accessionNumber: next.current.accessionNumber },
    ]);
    await hung(reading, [sops(fresh.current, 'RCC', 'LCC', 'RMLO', 'LMLO')], 'case 1 on screen');
    await reading.prefetched;
    const nextStudies = [next.current.study, next.prior!.study];
    const before = pixelRequests(...nextStudies);
    for (const study of nextStudies)
      expect(
        before.filter((entry) => entry.name.includes(study)).length,
        'the next case and its prior fetched before the move',
      ).to.be.greaterThan(0);
    const shownFirst = Math.min(...pixelRequests(fresh.current.study).map((e) => e.startTime));
    const prefetchFirst = Math.min(...before.map((entry) => entry.startTime));
    expect(prefetchFirst, 'the case on screen asked first').to.be.greaterThan(shownFirst);

    // Decoded too, in the memory of the viewer that will draw them.
    const services = viewerOf(reading).viewerServices!;
    for (const study of [next.current, next.prior!])
      for (const sopInstanceUid of study.sop.values())
        expect(
          services.cache.getDecoded({
            server: services.client.url,
            studyInstanceUid: study.study,
            seriesInstanceUid: study.series,
            sopInstanceUid,
            frame: 1,
          }),
          'a next-case frame decoded in the viewer memory',
        ).not.to.equal(undefined);

    await press(reading, 'j');
    await hung(reading, [sops(next.current, 'RCC', 'LCC', 'RMLO', 'LMLO')], 'case 2 drawn');
    expect(viewerOf(reading).viewerServices, 'the same services (memory, workers)').to.equal(
      services,
    );
    await press(reading, 'f');
    await hung(
      reading,
      [sops(next.prior, 'RCC', 'LCC'), sops(next.current, 'RCC', 'LCC')],
      'case 2 against its prior drawn',
    );
    expect(
      pixelRequests(...nextStudies).map((entry) => entry.name),
      'no frame request after the move',
    ).to.deep.equal(before.map((entry) => entry.name));
  });

  it('submits the reading typed in its form: cb-reading-submitted carries the case, the case reads as read, J moves on', async () => {
    const reading = await mount([
      { studyInstanceUid: a.current.study },
      { studyInstanceUid: c.current.study },
    ]);
    await hung(reading, [sops(a.current, 'RCC', 'LCC', 'RMLO', 'LMLO')], 'case 1 on screen');
    const form = await waitFor(() => {
      const found = reading.shadowRoot!.querySelector<CbReadingForm>('cb-reading-form');
      return found !== null && found.views.length === 4 && found;
    }, "the form with the case's four views");
    expect(form.study).to.equal(a.current.study);
    const submitted = eventOn<ReadingSubmittedEvent>(reading, 'cb-reading-submitted');
    form.focus();
    for (const key of ['KeyR', 'Digit1', 'KeyB', 'KeyL', 'Digit2', 'KeyC', 'KeyN'])
      await sendKeys({ press: key });
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    stored.push(detail.report!.sopInstanceUid);
    expect(detail.reading.studyInstanceUid).to.equal(a.current.study);
    expect(detail.reading.right.acr).to.equal(1);
    expect(detail.reading.left.composition).to.equal('C');
    await waitFor(
      () => reading.shadowRoot!.querySelector('li[data-state="read"]'),
      'the case marked read',
    );
    expect(reading.shadowRoot!.querySelector('[part="progress"]')!.textContent).to.contain(
      '1 read',
    );
    const moved = eventOn<ReadingCaseChangeEvent>(reading, 'cb-reading-case-change');
    await sendKeys({ press: 'KeyJ' });
    expect((await moved).detail.studyInstanceUid).to.equal(c.current.study);
  });
});
