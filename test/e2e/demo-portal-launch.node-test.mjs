// The demo portal's launches end to end, in Chromium against the real Orthanc `npm test` starts
// (DICOMWEB_URL, behind the portal's DICOMweb proxy): the GP's exam code opens that exam with the
// patient's history; the viewer's bearer expires in the middle of a series and nothing is lost;
// the DRIMbox contextual call opens the patient through both of its answers, once each, and the
// KOS manifest the DMP shares for its study.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { startDemoServer } from './demo-server.mjs';
import { portal } from '../../demo/portal/portal.mjs';
import { makeUnseenCtPatient, makeUnseenPatient } from '../viewer/unseen-patient-data.mjs';

const orthanc = process.env.ORTHANC_URL;
const skip = !orthanc && 'ORTHANC_URL not set (run through npm test)';

/** @param {Uint8Array} bytes */
async function store(bytes) {
  const response = await fetch(`${orthanc}/instances`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/dicom' },
    body: bytes,
  });
  assert.ok(response.ok, `Orthanc stored an instance (${response.status})`);
}

/** Installed before any page script: the viewer's events as they bubble to window. */
function recordViewerEvents() {
  const events = [];
  Object.defineProperty(window, '__cbEvents', { value: events });
  for (const type of ['cb-study-opened', 'cb-series-loaded', 'cb-error', 'cb-identity-mismatch'])
    window.addEventListener(type, (event) => events.push({ type, ...event.detail }), true);
}

let base = '';
/** @type {import('vite').ViteDevServer | undefined} */
let server;
/** @type {import('puppeteer-core').Browser | undefined} */
let browser;

/** A fresh page recording its requests and the DICOMweb answers. */
async function newPage() {
  const page = await /** @type {import('puppeteer-core').Browser} */ (browser).newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  await page.evaluateOnNewDocument(recordViewerEvents);
  /** @type {string[]} */
  const urls = [];
  /** @type {{ path: string, status: number }[]} */
  const dicomweb = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/dicom-web/')) dicomweb.push({ path, status: response.status() });
  });
  return { page, urls, dicomweb };
}

/**
 * The first recorded event of `type` whose detail has the given values.
 * @param {import('puppeteer-core').Page} page @param {string} type @param {Record<string, unknown>} [where]
 */
async function waitForEvent(page, type, where = {}) {
  const handle = await page.waitForFunction(
    (wanted, values) =>
      window.__cbEvents.find(
        (e) =>
          e.type === wanted && Object.entries(values).every(([key, value]) => e[key] === value),
      ),
    { timeout: 60_000 },
    type,
    where,
  );
  return handle.jsonValue();
}

/** @param {import('puppeteer-core').Page} page */
const historyLength = (page) =>
  page.evaluate(
    () =>
      document.querySelector('cb-viewer')?.shadowRoot?.querySelector('cb-study-browser')?.studies
        ?.length ?? 0,
  );

/** The GP page: type the code, submit, land on the viewer page. */
async function typeExamCode(page, code) {
  await page.goto(`${base}/gp.html`);
  await page.type('#code', code);
  await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"]')]);
}

describe('the demo portal’s launches', { skip, timeout: 240_000 }, () => {
  before(async () => {
    const started = await startDemoServer(`${orthanc}/dicom-web`);
    server = started.server;
    base = `http://127.0.0.1:${started.port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    delete process.env.DICOMWEB_URL;
  });

  it('opens the exam a GP’s code names, with the history beside it, and the code in no address', async () => {
    const patient = await makeUnseenPatient(store);
    const code = portal.codes.issue({
      patient: { id: patient.patientId },
      studyInstanceUid: patient.currentCt,
      identity: { birthName: 'INCONNU', givenNames: ['Patiente'] },
    });
    const { page, urls } = await newPage();
    await typeExamCode(page, code);
    const opened = await waitForEvent(page, 'cb-study-opened');
    assert.equal(opened.studyInstanceUid, patient.currentCt);
    await page.waitForFunction(
      () =>
        document.querySelector('cb-viewer')?.shadowRoot?.querySelector('cb-study-browser')?.studies
          .length === 4,
      { timeout: 30_000 },
    );
    assert.equal(await historyLength(page), 4, 'the patient’s four studies are listed');
    assert.equal(page.url(), `${base}/`, 'the launch id left the address bar');
    const plain = code.replace(/-/g, '');
    assert.deepEqual(
      urls.filter((url) => url.includes(code) || url.toUpperCase().includes(plain)),
      [],
      'no request address holds the code',
    );
    await page.close();
  });

  it('renews the viewer’s bearer when it expires mid-series: every frame arrives, no error shown', async () => {
    const SLICES = 40;
    const patient = await makeUnseenCtPatient(store, { slices: SLICES, size: 64 });
    const code = portal.codes.issue({
      patient: { id: patient.patientId },
      studyInstanceUid: patient.study,
      identity: {},
    });
    // Each bearer serves 15 requests: the series' 40 frame requests outlive several of them.
    portal.bearers.configure({ uses: 15 });
    const issuedBefore = portal.bearers.counters.issued;
    const { page, dicomweb } = await newPage();
    try {
      await typeExamCode(page, code);
      const loaded = await waitForEvent(page, 'cb-series-loaded', {
        seriesInstanceUid: patient.series,
      });
      assert.equal(loaded.frames, SLICES, 'every frame arrived');
      const errors = await page.evaluate(() =>
        window.__cbEvents.filter((e) => e.type === 'cb-error').map((e) => e.code),
      );
      assert.deepEqual(errors, [], 'no cb-error');
      const status = await page.$eval('#status', (element) => element.textContent ?? '');
      assert.doesNotMatch(status, /Erreur|expirée/);
      const frames = dicomweb.filter((answer) => answer.path.includes('/frames/'));
      const firstFrame = frames.findIndex((answer) => answer.status === 200);
      const refused = frames.findIndex((answer, i) => i > firstFrame && answer.status === 401);
      assert.ok(firstFrame >= 0 && refused > 0, 'a frame request was refused after frames arrived');
      assert.ok(
        frames.slice(refused).some((answer) => answer.status === 200),
        'and frames arrived after the refusal',
      );
      assert.ok(portal.bearers.counters.issued - issuedBefore > 1, 'refreshToken got new bearers');
    } finally {
      portal.bearers.configure({ uses: undefined });
      await page.close();
    }
  });

  it('opens the patient of a DRIMbox call through its 303 answer and its 200 answer, each once', async () => {
    const issuer = 'CB-DRIMBOX';
    const patient = await makeUnseenCtPatient(store, {
      slices: 3,
      size: 32,
      patient: { IssuerOfPatientID: issuer },
    });
    const fields = {
      'Patient.identifier.value': '268049710504236',
      'Patient.identifier.system': 'urn:oid:1.2.250.1.213.1.4.10',
      'Patient.name.family': 'INCONNU',
      'Patient.name.given': 'Scanner',
      'Patient.gender': 'male',
      'Patient.birthDate': '1960-01-01',
      InformationEtOppositionConsultation: 'true',
      PatientID: patient.patientId,
      PatientIDIssuer: issuer,
    };
    // "303 to a page": the DMP client's form, submitted in the browser.
    const { page, urls } = await newPage();
    await page.goto(`${base}/drimbox.html`);
    await page.evaluate((values) => {
      const form = document.querySelector('form');
      for (const [name, value] of Object.entries(values))
        form.elements.namedItem(name).value = value;
    }, fields);
    await Promise.all([page.waitForNavigation(), page.click('form button:not([formaction])')]);
    await page.waitForFunction(
      () =>
        document.querySelector('cb-viewer')?.shadowRoot?.querySelector('cb-study-browser')?.studies
          .length === 1,
      { timeout: 30_000 },
    );
    assert.equal(await page.$eval('cb-viewer', (viewer) => viewer.patientId), patient.patientId);
    // The launch identity in the viewer's banner, the INS with its qualification.
    const banner = await page.$eval(
      'cb-viewer',
      (viewer) => viewer.shadowRoot.querySelector('[part="identity"]')?.textContent ?? '',
    );
    assert.match(
      banner.replace(/\s+/g, ' '),
      /INCONNU Scanner .*268049710504236 · identité qualifiée/,
    );
    assert.equal(page.url(), `${base}/`);
    for (const value of [patient.patientId, '268049710504236', 'INCONNU'])
      assert.ok(!urls.some((url) => url.includes(value) && !url.includes('/dicom-web/')));

    // "200 with a viewer URL": the DMP client's back end asks, the browser opens it.
    const answer = await fetch(`${base}/drimbox/launch-url`, {
      method: 'POST',
      body: new URLSearchParams(fields),
    });
    assert.equal(answer.status, 200);
    const url = await answer.text();
    const second = await newPage();
    await second.page.goto(url);
    await second.page.waitForFunction(
      () =>
        document.querySelector('cb-viewer')?.shadowRoot?.querySelector('cb-study-browser')?.studies
          .length === 1,
      { timeout: 30_000 },
    );
    // The same URL again: spent. The page says so and opens nothing.
    const third = await newPage();
    const reopened = await third.page.goto(url);
    assert.equal(reopened?.status(), 410);
    await third.page.waitForFunction(
      () => /expiré/.test(document.getElementById('status')?.textContent ?? ''),
      { timeout: 30_000 },
    );
    assert.equal(
      await third.page.$eval('cb-viewer', (viewer) => viewer.hasAttribute('patient-id')),
      false,
    );
    assert.deepEqual(third.dicomweb, [], 'no DICOMweb request for a spent launch');
    await Promise.all([page.close(), second.page.close(), third.page.close()]);
  });

  it('opens the KOS manifest the DMP shares for a DRIMbox call’s study: the CT and its prior, named by the INS', async () => {
    const issuer = 'CB-DRIMBOX';
    const ins = '268049710504236';
    const patient = await makeUnseenPatient(store);
    /** The CT instances of a study, as the archive lists them. @param {string} study */
    const ctInstances = async (study) => {
      const series = await (
        await fetch(`${orthanc}/dicom-web/studies/${study}/series?Modality=CT`)
      ).json();
      const seriesUid = series[0]['0020000E'].Value[0];
      const instances = await (
        await fetch(`${orthanc}/dicom-web/studies/${study}/series/${seriesUid}/instances`)
      ).json();
      return instances.map((instance) => ({
        studyInstanceUid: study,
        seriesInstanceUid: seriesUid,
        sopClassUid: instance['00080016'].Value[0],
        sopInstanceUid: instance['00080018'].Value[0],
      }));
    };
    const current = await ctInstances(patient.currentCt);
    const prior = await ctInstances(patient.priorCt);
    // The sharing centre's manifest: the INS as Patient ID, its PACS's local ID beside it.
    portal.dmp.share({
      ins,
      studyInstanceUid: patient.currentCt,
      patientStudy: {
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'INCONNU^Patiente' }] },
        '00100020': { vr: 'LO', Value: [ins] },
        '00100021': { vr: 'LO', Value: ['1.2.250.1.213.1.4.10'] },
        '00101002': {
          vr: 'SQ',
          Value: [
            {
              '00100020': { vr: 'LO', Value: [patient.patientId] },
              '00100021': { vr: 'LO', Value: [issuer] },
            },
          ],
        },
        '0020000D': { vr: 'UI', Value: [patient.currentCt] },
      },
      instances: [...current, ...prior],
    });
    const { page, urls, dicomweb } = await newPage();
    await page.goto(`${base}/drimbox.html`);
    await page.evaluate(
      (values) => {
        const form = document.querySelector('form');
        for (const [name, value] of Object.entries(values))
          form.elements.namedItem(name).value = value;
        document.getElementById('with-study').click();
      },
      {
        'Patient.identifier.value': ins,
        'Patient.identifier.system': 'urn:oid:1.2.250.1.213.1.4.10',
        'Patient.name.family': 'INCONNU',
        'Patient.name.given': 'Patiente',
        'Patient.gender': 'female',
        'Patient.birthDate': '1970-01-01',
        PatientID: patient.patientId,
        PatientIDIssuer: issuer,
        StudyInstanceUID: patient.currentCt,
      },
    );
    await Promise.all([page.waitForNavigation(), page.click('form button:not([formaction])')]);
    const opened = await waitForEvent(page, 'cb-study-opened');
    assert.deepEqual(opened, {
      type: 'cb-study-opened',
      studyInstanceUid: patient.currentCt,
      protocolId: 'key-object-selection',
      comparedWith: [patient.priorCt],
    });
    // One cell per manifest series, each stack exactly the instances the manifest selects.
    const shown = async () =>
      page.$eval('cb-viewer', (viewer) =>
        [...viewer.shadowRoot.querySelectorAll('cb-viewport')].map((viewport) =>
          viewport.stack.map((dataset) => dataset.string(0x00080018)).sort(),
        ),
      );
    await page.waitForFunction(
      () =>
        [...document.querySelector('cb-viewer').shadowRoot.querySelectorAll('cb-viewport')].filter(
          (viewport) => viewport.stack.length > 0,
        ).length === 2,
      { timeout: 60_000 },
    );
    const byFirst = (/** @type {string[][]} */ lists) =>
      lists.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(
      byFirst(await shown()),
      byFirst([current, prior].map((list) => list.map((item) => item.sopInstanceUid).sort())),
    );
    const title = await page.$eval(
      'cb-viewer',
      (viewer) => viewer.shadowRoot.querySelector('[part="selection-title"]')?.textContent ?? '',
    );
    assert.equal(title.trim(), 'Manifest');
    await waitForEvent(page, 'cb-series-loaded', { seriesInstanceUid: prior[0].seriesInstanceUid });
    const mismatches = await page.evaluate(() =>
      window.__cbEvents.filter((e) => e.type === 'cb-identity-mismatch' || e.type === 'cb-error'),
    );
    assert.deepEqual(mismatches, [], 'no identity mismatch, no error');
    assert.ok(
      dicomweb.some((answer) => answer.path.includes(patient.priorCt) && answer.status === 200),
      'the prior series came through the portal’s DICOMweb, with the viewer’s bearer',
    );
    assert.equal(page.url(), `${base}/`);
    for (const value of [patient.patientId, ins, 'INCONNU'])
      assert.ok(!urls.some((url) => url.includes(value) && !url.includes('/dicom-web/')));
    await page.close();
  });

  it('blocks the study of a DRIMbox launch whose identity the archive contradicts', async () => {
    const issuer = 'CB-DRIMBOX';
    const patient = await makeUnseenCtPatient(store, {
      slices: 2,
      size: 32,
      patient: { IssuerOfPatientID: issuer },
    });
    const answer = await fetch(`${base}/drimbox/launch-url`, {
      method: 'POST',
      body: new URLSearchParams({
        'Patient.identifier.value': '268049710504236',
        'Patient.identifier.system': 'urn:oid:1.2.250.1.213.1.4.10',
        'Patient.name.family': 'AUTRE',
        'Patient.name.given': 'Scanner',
        'Patient.gender': 'female',
        'Patient.birthDate': '1960-01-01',
        InformationEtOppositionConsultation: 'true',
        PatientID: patient.patientId,
        PatientIDIssuer: issuer,
      }),
    });
    const { page, dicomweb } = await newPage();
    await page.goto(await answer.text());
    const mismatch = await waitForEvent(page, 'cb-identity-mismatch');
    assert.deepEqual(mismatch.traits, ['birth-name', 'sex']);
    assert.equal(mismatch.blocked, true);
    await page.waitForFunction(
      () =>
        /Images masquées/.test(
          document.querySelector('cb-viewer')?.shadowRoot?.querySelector('.identity-alert')
            ?.textContent ?? '',
        ),
      { timeout: 30_000 },
    );
    assert.deepEqual(
      dicomweb.filter((request) => request.path.includes('/frames/')),
      [],
      'no frame of the blocked study was fetched',
    );
    await page.close();
  });

  it('opens an IID launch in full: history filters applied, name and birth date in the banner', async () => {
    const patient = await makeUnseenPatient(store);
    const { page } = await newPage();
    await page.goto(
      `${base}/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${encodeURIComponent(patient.patientId)}` +
        '&patientName=INCONNU%5EPatiente&patientBirthDate=19700101&modalitiesInStudy=MG&mostRecentResults=1',
    );
    const opened = await waitForEvent(page, 'cb-study-opened');
    assert.equal(opened.studyInstanceUid, patient.currentMg.study, 'the newest MG study only');
    assert.equal(await historyLength(page), 1);
    const banner = await page.$eval(
      'cb-viewer',
      (viewer) => viewer.shadowRoot.querySelector('[part="identity"]')?.textContent ?? '',
    );
    assert.match(banner.replace(/\s+/g, ' '), /INCONNU Patiente .*01\/01\/1970/);
    const errors = await page.evaluate(() =>
      window.__cbEvents.filter((e) => e.type === 'cb-identity-mismatch'),
    );
    assert.deepEqual(errors, [], 'the archive agrees with the launch identity');
    await page.close();
  });
});
