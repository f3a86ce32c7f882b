// Issue 16, "done when": a reader goes through the demo's reading list with the keyboard only,
// and what she records lands in Orthanc as standard objects. The demo portal (Vite, DICOMWEB_URL
// to the Orthanc `npm test` starts) serves /reading.html; in real Chromium the second reader reads
// two cases: the first holds a first reading (L1), hidden until she submits hers, then compared;
// the second has a badly positioned left MLO, which she marks technically insufficient; the third
// (a first round) shows its missing prior as such. Then
// QIDO-RS finds the Breast Imaging Report in each study and the (113001, DCM) KOS in the second
// only, WADO-RS returns them as Part 10, and dciodvfy (dicom3tools) and dsrdump (DCMTK) check them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { startDemoServer } from './demo-server.mjs';
import { validateDicom } from '../kos/validate-dicom.mjs';
import {
  deleteInstances,
  retrievePart10,
  seriesOf,
  storeReadingList,
} from './reading-list-orthanc.mjs';
import {
  FIRST_READER,
  READING_CASES,
  readingStudies,
} from '../../scripts/demo-data/reading-list.mjs';
import { instanceUid } from '../../scripts/demo-data/study-plan.mjs';

const orthanc = process.env.ORTHANC_URL;
/** `<cb-screening-reading>`'s keys for the next case and the next step (shown in its header). */
const NEXT_CASE_KEY = 'KeyJ';
const NEXT_STEP_KEY = 'KeyF';

/** In the page (installed as `window.formState`): what the reading form of the open case shows. */
function formState() {
  const deep = (selector, root = document) => {
    const found = root.querySelector(selector);
    if (found) return found;
    for (const element of root.querySelectorAll('*')) {
      const inner = element.shadowRoot ? deep(selector, element.shadowRoot) : null;
      if (inner) return inner;
    }
    return null;
  };
  const form = deep('cb-reading-form');
  const root = form?.shadowRoot;
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return {
    study: form?.study ?? null,
    blindedNotice: Boolean(root?.querySelector('.prior-hidden')),
    comparison: root?.querySelector('[part="comparison"]')?.textContent ?? null,
    status: root?.querySelector('.status')?.textContent?.trim() ?? null,
    views: form?.views?.length ?? 0,
    focusInForm: form !== null && (form === active || form.shadowRoot?.contains(active) === true),
  };
}

/** Waits for a condition in the page; on a timeout, says what the form showed and what failed. */
async function waitFor(page, condition, argument, what) {
  try {
    await page.waitForFunction(condition, { timeout: 90_000 }, argument);
  } catch (error) {
    const state = await page.evaluate(() => window.formState()).catch(() => undefined);
    throw new Error(
      `${what}: ${error.message}; form ${JSON.stringify(state)}; page errors: ${page.errors.join(' | ')}`,
    );
  }
}

/** Presses keys one by one, as a reader types them. */
async function type(page, keys) {
  for (const key of keys) await page.keyboard.press(key);
}

test(
  'a second reader reads two cases of the demo reading list with the keyboard; the SR and KOS land in Orthanc and pass dciodvfy and dsrdump',
  { skip: !orthanc && 'ORTHANC_URL not set (run through npm test)', timeout: 300_000 },
  async () => {
    await storeReadingList(orthanc);
    const studies = readingStudies();
    const [first, second] = READING_CASES;
    assert.ok(first?.firstReading && second?.firstReading && second.anatomy.badPositioning);
    const firstStudy = studies[`${first.name}Current`].uid;
    const secondStudy = studies[`${second.name}Current`].uid;
    const l1 = (study) => instanceUid(study, 'sr-l1', 1);
    /** @type {string[]} */
    const written = [];
    const { server, port } = await startDemoServer(`${orthanc}/dicom-web`);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      page.errors = [];
      page.on('pageerror', (error) => page.errors.push(error.message));
      page.on('response', (response) => {
        if (response.status() >= 400)
          page.errors.push(
            `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`,
          );
      });
      await page.setViewport({ width: 1600, height: 1000 });
      // Listed in the portal's menu.
      await page.goto(`http://127.0.0.1:${port}/`);
      assert.ok(
        await page.$('nav a[href="/reading.html"]'),
        'the portal menu links the reading list',
      );
      await page.evaluateOnNewDocument(`window.formState = ${formState.toString()};`);
      await page.goto(`http://127.0.0.1:${port}/reading.html`);
      await page.evaluate(() => {
        const reading = document.querySelector('cb-screening-reading');
        window.__submitted = [];
        window.__steps = [];
        reading.addEventListener('cb-reading-step-change', (event) => {
          window.__steps.push(event.detail.index);
        });
        reading.addEventListener('cb-reading-submitted', (event) => {
          window.__submitted.push(JSON.parse(JSON.stringify(event.detail)));
        });
      });
      // The page gives the element the demo data's reading list, in order, by accession number.
      await waitFor(
        page,
        () => document.querySelector('cb-screening-reading')?.cases?.length > 0,
        undefined,
        'the page gave the reading list',
      );
      const cases = await page.evaluate(() => document.querySelector('cb-screening-reading').cases);
      assert.deepEqual(
        cases.map((item) => item.accessionNumber),
        READING_CASES.map((item) => item.current.accession),
      );

      // Case 1: the first reading exists and stays hidden until the reader submits hers.
      await waitFor(
        page,
        // Its four views known to the form (a reader reads once the images are up).
        (uid) => {
          const state = window.formState();
          return (
            state.study === uid && state.views === 4 && state.blindedNotice && state.focusInForm
          );
        },
        firstStudy,
        // The page focused the element: the element hands the focus to the first case's form.
        'case 1 open with its four views, its first reading hidden, the focus in its form',
      );
      assert.equal(
        (await page.evaluate(() => window.formState())).comparison,
        null,
        'L1 hidden before L2 submits',
      );
      await type(page, ['KeyR', 'Digit1', 'KeyB', 'KeyL', 'Digit1', 'KeyB', 'KeyN', 'Enter']);
      await waitFor(page, () => window.__submitted.length === 1, undefined, 'case 1 submitted');
      const [one] = await page.evaluate(() => window.__submitted);
      assert.equal(one.reading.studyInstanceUid, firstStudy);
      assert.deepEqual(one.reading.right, { acr: 1, composition: 'B' });
      assert.deepEqual(one.reading.left, { acr: 1, composition: 'B' });
      assert.equal(one.reading.outcome, 'normal');
      assert.equal(one.rejection, undefined);
      assert.deepEqual(one.disagreements, [], 'concordant with the first reading');
      assert.equal(one.report.studyInstanceUid, firstStudy);
      written.push(one.report.sopInstanceUid);
      const shown = await page.evaluate(() => window.formState());
      assert.match(shown.comparison ?? '', /Les lectures concordent/, 'both readings compared');
      assert.equal(shown.blindedNotice, false);

      // Case 2, reached with the keyboard: the left MLO is badly positioned.
      await page.keyboard.press(NEXT_CASE_KEY);
      await waitFor(
        page,
        (uid) => {
          const state = window.formState();
          return (
            state.study === uid && state.views === 4 && state.blindedNotice && state.focusInForm
          );
        },
        secondStudy,
        'case 2 open with its four views, its first reading hidden, the focus in its form',
      );
      await type(page, ['KeyR', 'Digit1', 'KeyB', 'KeyL', 'Digit1', 'KeyB']);
      // Left breast, its next view (MLO after CC), positioning; then a technical recall.
      await type(page, ['KeyV', 'KeyP', 'KeyY', 'Enter']);
      await waitFor(page, () => window.__submitted.length === 2, undefined, 'case 2 submitted');
      const two = (await page.evaluate(() => window.__submitted))[1];
      const lmlo = instanceUid(studies[`${second.name}Current`], 'mg', 4);
      assert.equal(two.reading.studyInstanceUid, secondStudy);
      assert.equal(two.reading.outcome, 'recall-technical');
      const insufficient = two.reading.views.filter((view) => view.quality === 'insufficient');
      assert.deepEqual(
        insufficient.map((view) => [view.image.sopInstanceUid, view.reasons]),
        [[lmlo, ['positioning']]],
      );
      assert.ok(two.rejection, 'a KOS was stored');
      assert.deepEqual(two.disagreements, [{ field: 'outcome' }], 'L1 read it normal');
      written.push(two.report.sopInstanceUid, two.rejection.sopInstanceUid);
      assert.match(
        (await page.evaluate(() => window.formState())).comparison ?? '',
        /1 discordance entre les lectures/,
        'the outcome disagreement is shown',
      );
      // The events carry UIDs and codes, never a name.
      const events = JSON.stringify(await page.evaluate(() => window.__submitted));
      for (const name of [
        'COROSSOL',
        'Corossol',
        first.patient.PatientName,
        second.patient.PatientName,
      ])
        assert.ok(!events.includes(name), `no "${name}" in the events`);

      // Case 3, her first round: step 2 (current vs prior CC) shows the prior as missing.
      const third = READING_CASES[2];
      assert.ok(third && third.prior === undefined);
      await page.keyboard.press(NEXT_CASE_KEY);
      // As a reader would: the step key once the case is on screen and the workstation has the focus
      // (between cases the focus moves to the new form when its views arrive).
      await waitFor(
        page,
        (uid) => {
          const state = window.formState();
          return state.study === uid && state.views === 4 && state.focusInForm;
        },
        studies[`${third.name}Current`].uid,
        'case 3 open with its four views, the focus in its form',
      );
      await page.evaluate(() => {
        window.__steps = [];
      });
      await page.keyboard.press(NEXT_STEP_KEY);
      await waitFor(page, () => window.__steps.includes(1), undefined, 'step 2 on screen');
      await waitFor(
        page,
        () => {
          const viewer = document
            .querySelector('cb-screening-reading')
            ?.shadowRoot?.querySelector('cb-viewer');
          const cells = [...(viewer?.shadowRoot?.querySelectorAll('.cell') ?? [])];
          const prior = cells.filter((cell) => cell.classList.contains('prior'));
          const current = cells.filter((cell) => !cell.classList.contains('prior'));
          return (
            prior.length === 2 &&
            prior.every((cell) => cell.querySelector('cb-viewport') === null) &&
            prior.every((cell) => cell.textContent.includes('Pas d’image')) &&
            current.length === 2 &&
            current.every((cell) => cell.querySelector('cb-viewport')?.currentImage)
          );
        },
        undefined,
        'two prior cells shown empty ("Pas d’image"), two current CC drawn',
      );

      // In Orthanc: each report in its own study beside the L1's; the KOS in the second only.
      const sr1 = await seriesOf(orthanc, firstStudy, 'SR');
      assert.deepEqual(
        sr1.flatMap((s) => s.instances).sort(),
        [l1(studies[`${first.name}Current`]), one.report.sopInstanceUid].sort(),
      );
      assert.deepEqual(await seriesOf(orthanc, firstStudy, 'KO'), []);
      const ko2 = await seriesOf(orthanc, secondStudy, 'KO');
      assert.deepEqual(
        ko2.flatMap((s) => s.instances),
        [two.rejection.sopInstanceUid],
      );
      for (const prior of [studies[`${first.name}Prior`], studies[`${second.name}Prior`]])
        for (const modality of ['SR', 'KO'])
          assert.deepEqual(await seriesOf(orthanc, prior.uid, modality), [], 'priors untouched');

      const report = await retrievePart10(orthanc, two.report);
      const { dciodvfy, dsrdump } = validateDicom(report);
      assert.deepEqual(errorLines(dciodvfy.output), [], dciodvfy.output);
      assert.match(dciodvfy.output, /ComprehensiveSR/);
      assert.equal(dsrdump.status, 0, dsrdump.output);
      for (const line of [
        '<CONTAINER:(111400,DCM,"Breast Imaging Report")=SEPARATE>',
        '<has obs context PNAME:(121008,DCM,"Person Observer Name")="COROSSOL^Régine^^Dr">',
        '=(397140005,SCT,"1 - Negative")>',
        '=(129717001,SCT,"Scattered fibroglandular densities")>',
        '=(111209,DCM,"Positioning")>',
        '=(111590,DCM,"Recall for technical reasons")>',
      ])
        assert.ok(dsrdump.output.includes(line), `${line}\n${dsrdump.output}`);
      assert.ok(!dsrdump.output.includes(FIRST_READER.name), 'the L2 report is not the L1');

      const kos = await retrievePart10(orthanc, two.rejection);
      const checked = validateDicom(kos);
      assert.deepEqual(errorLines(checked.dciodvfy.output), [], checked.dciodvfy.output);
      assert.match(checked.dciodvfy.output, /KeyObjectSelectionDocument/);
      assert.equal(checked.dsrdump.status, 0, checked.dsrdump.output);
      assert.ok(
        checked.dsrdump.output.includes(
          '<CONTAINER:(113001,DCM,"Rejected for Quality Reasons")=SEPARATE>',
        ),
        checked.dsrdump.output,
      );
      // It selects the left MLO, and only it.
      const selected = [...checked.dsrdump.output.matchAll(/IMAGE:=\([^,]+,"([\d.]+)"/g)].map(
        (m) => m[1],
      );
      assert.deepEqual(selected, [lmlo]);
    } finally {
      await browser.close();
      await server.close();
      delete process.env.DICOMWEB_URL;
      await deleteInstances(orthanc, written);
    }
  },
);

/** dciodvfy's error lines (it reports errors and warnings on one stream, one per line). */
function errorLines(output) {
  return output.split('\n').filter((line) => /^\s*Error\b/.test(line) || /^E:/.test(line));
}
