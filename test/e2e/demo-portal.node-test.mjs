// The demo portal end to end, against the real Orthanc `npm test` starts: a patient unseen by
// every other test is stored, the portal is served by Vite with DICOMWEB_URL pointing at that
// Orthanc (as the README tells hosts to do), and a headless Chromium opens it through an IHE
// Invoke Image Display PATIENT request, then the screening mammography shortcut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { startDemoServer } from './demo-server.mjs';
import { VIEWS, makeUnseenPatient } from '../viewer/unseen-patient-data.mjs';

const orthanc = process.env.ORTHANC_URL;

test(
  'the portal opens an unseen patient from an IID launch, keeps the Patient ID out of its address and of every request but DICOMweb, and hangs the screening protocol with its prior',
  { skip: !orthanc && 'ORTHANC_URL not set (run through npm test)', timeout: 120_000 },
  async () => {
    const patient = await makeUnseenPatient(async (bytes) => {
      const response = await fetch(`${orthanc}/instances`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/dicom' },
        body: bytes,
      });
      assert.ok(response.ok, `Orthanc stored an instance (${response.status})`);
    });
    const { server, port } = await startDemoServer(`${orthanc}/dicom-web`);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 1000 });
      /** @type {{ url: string, referer: string | undefined, navigation: boolean }[]} */
      const requests = [];
      page.on('request', (request) =>
        requests.push({
          url: request.url(),
          referer: request.headers().referer,
          navigation: request.isNavigationRequest(),
        }),
      );
      const opened = () =>
        page.evaluate(
          () =>
            new Promise((resolve) => {
              document
                .querySelector('cb-viewer')
                .addEventListener('cb-study-opened', (event) => resolve(event.detail), {
                  once: true,
                });
            }),
        );
      await page.goto(
        `http://127.0.0.1:${port}/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${encodeURIComponent(patient.patientId)}`,
      );
      await page.waitForFunction(
        () => document.getElementById('patient-name')?.textContent !== '—',
        { timeout: 30_000 },
      );
      assert.equal(
        await page.$eval('#patient-name', (element) => element.textContent),
        'INCONNU Patiente',
      );
      // Read, then gone from the address bar (the session history entry was replaced).
      assert.equal(page.url(), `http://127.0.0.1:${port}/`);
      // The history lists the patient's four studies.
      await page.waitForFunction(
        () =>
          document.querySelector('cb-viewer')?.shadowRoot?.querySelector('cb-study-browser')
            ?.studies.length === 4,
        { timeout: 30_000 },
      );
      const hung = opened();
      await page.evaluate(() => {
        [...document.querySelectorAll('#shortcut-list button')]
          .find((button) => button.textContent.startsWith('Mammographie'))
          .click();
      });
      const detail = await hung;
      assert.equal(detail.protocolId, 'screening-mammography');
      assert.deepEqual(detail.comparedWith, [patient.priorMg.study]);
      await page.waitForFunction(
        () => {
          const viewports = document
            .querySelector('cb-viewer')
            .shadowRoot.querySelectorAll('cb-viewport');
          return viewports.length === 8 && [...viewports].every((v) => v.currentImage);
        },
        { timeout: 30_000 },
      );
      const layout = await page.evaluate(() => document.querySelector('cb-viewer').getLayout());
      // Only DICOMweb requests name the patient: no script, style, worker, codec or Referer does.
      const named = (text) =>
        text !== undefined &&
        [patient.patientId, encodeURIComponent(patient.patientId)].some((id) => text.includes(id));
      const launches = requests.filter((request) => request.navigation);
      assert.equal(launches.length, 1, 'one navigation: the IID launch');
      const others = requests.filter((request) => !request.navigation);
      assert.ok(others.some((request) => new URL(request.url).pathname.startsWith('/dicom-web/')));
      assert.deepEqual(
        others.filter(
          (request) =>
            named(request.referer) ||
            (named(request.url) && !new URL(request.url).pathname.startsWith('/dicom-web/')),
        ),
        [],
      );
      VIEWS.forEach(({ view }, column) => {
        const prior = layout.find((cell) => cell.row === 0 && cell.column === column);
        const current = layout.find((cell) => cell.row === 1 && cell.column === column);
        assert.equal(prior.sopInstanceUid, patient.priorMg.sop.get(view), `prior ${view}`);
        assert.equal(current.sopInstanceUid, patient.currentMg.sop.get(view), `current ${view}`);
        const mirrored = view.startsWith('R');
        assert.deepEqual(
          [prior.flipHorizontal, current.flipHorizontal],
          [mirrored, mirrored],
          view,
        );
      });
    } finally {
      await browser.close();
      await server.close();
      delete process.env.DICOMWEB_URL;
    }
  },
);
