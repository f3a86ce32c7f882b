import { expect } from '@open-wc/testing';
import {
  parseInvokeImageDisplay,
  viewerAttributesOf,
} from '../../src/launch/invoke-image-display.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { CbStudyBrowser } from '../../src/components/study-browser/study-browser.js';
import {
  STATIC,
  allRendered,
  drawnAt,
  manifest,
  mountViewer,
  studySeries,
  value,
  viewportAt,
} from './viewer-harness.js';

describe('<cb-viewer> over the static DICOMweb tree', () => {
  let viewer: CbViewer | undefined;
  afterEach(() => {
    viewer?.remove();
    viewer = undefined;
  });

  it('opens the patient history from an IID PATIENT launch, current study marked', async () => {
    const demo = await manifest();
    const request = parseInvokeImageDisplay(
      `/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${encodeURIComponent(
        `${demo.patient.patientId}^^^${demo.patient.issuerOfPatientId}`,
      )}`,
    );
    const opened = new Promise<CustomEvent>((resolve) => {
      document.addEventListener(
        'cb-study-opened',
        (event) => {
          resolve(event as unknown as CustomEvent);
        },
        {
          once: true,
        },
      );
    });
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      lang: 'en',
      ...viewerAttributesOf(request),
    });
    await opened;
    const browser = viewer.shadowRoot!.querySelector<CbStudyBrowser>('cb-study-browser')!;
    await browser.updateComplete;
    expect(browser.studies.map((study) => study.studyInstanceUid)).to.have.members(
      Object.values(demo.studies).map((study) => study.studyInstanceUid),
    );
    const current = browser.shadowRoot!.querySelector('li.study[aria-current="true"]');
    expect(current, 'a current study is marked').to.exist;
    // The most recent study with images is opened: one of the 2026 studies.
    expect(browser.current).to.be.oneOf(
      [
        demo.studies.currentCt,
        demo.studies.currentMg,
        demo.studies.currentUs,
        demo.studies.currentCr,
      ].map((study) => study.studyInstanceUid),
    );
  });

  it('hangs the 8 screening views, priors above currents, in RCC LCC RMLO LMLO order', async () => {
    const demo = await manifest();
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentMg.studyInstanceUid,
      compare: 'prior',
    });
    await allRendered(viewer, 8);
    const layout = viewer.getLayout();
    expect(layout).to.have.length(8);
    const expectation = async (studyInstanceUid: string) => {
      const [series] = await studySeries(STATIC, studyInstanceUid);
      const views = new Map<string, { sop: string; orientation: unknown }>();
      for (const instance of series!.instances) {
        const key = `${String(value(instance, '00200062'))}${String(value(instance, '00185101'))}`;
        views.set(key, {
          sop: String(value(instance, '00080018')),
          orientation: instance['00200020']?.Value,
        });
      }
      return views;
    };
    const prior = await expectation(demo.studies.priorMg.studyInstanceUid);
    const current = await expectation(demo.studies.currentMg.studyInstanceUid);
    ['RCC', 'LCC', 'RMLO', 'LMLO'].forEach((view, column) => {
      const top = layout.find((cell) => cell.row === 0 && cell.column === column);
      const bottom = layout.find((cell) => cell.row === 1 && cell.column === column);
      expect(top?.sopInstanceUid, `prior ${view}`).to.equal(prior.get(view)?.sop);
      expect(bottom?.sopInstanceUid, `current ${view}`).to.equal(current.get(view)?.sop);
    });
    // This tree's right views are stored with Patient Orientation P\L (chest wall already on the
    // image's right, facing the left views' A\R): nothing needs mirroring (PS3.3 C.8.11.7).
    expect(current.get('RCC')?.orientation).to.deep.equal(['P', 'L']);
    expect(layout.map((cell) => cell.flipHorizontal)).to.deep.equal(Array(8).fill(false));
    // Same physical size: every cell got the same numeric scale (same Imager Pixel Spacing).
    const scales = layout.map((cell) => cell.scale);
    expect(scales.every((scale) => typeof scale === 'number' && scale === scales[0])).to.equal(
      true,
    );
    // Chest walls meet: the right breast's image touches its cell's right edge.
    const rcc = viewportAt(viewer, 1, 0)!;
    const box = rcc.getBoundingClientRect();
    const m = rcc.imageToCss()!;
    const columns = rcc.currentImage!.frame.columns;
    const rightEdge = Math.max(m.e, m.a * columns + m.e);
    expect(Math.abs(rightEdge - box.width)).to.be.lessThan(2);
  });

  it('hangs last round above today without a compare attribute: the protocol declares its prior', async () => {
    const demo = await manifest();
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentMg.studyInstanceUid,
    });
    await allRendered(viewer, 8);
    const layout = viewer.getLayout();
    expect(
      layout.filter((cell) => cell.row === 0).map((cell) => cell.studyInstanceUid),
    ).to.deep.equal(Array(4).fill(demo.studies.priorMg.studyInstanceUid));
    expect(
      layout.filter((cell) => cell.row === 1).map((cell) => cell.studyInstanceUid),
    ).to.deep.equal(Array(4).fill(demo.studies.currentMg.studyInstanceUid));
  });

  it('keeps a CT alone without a compare attribute: its comparison protocol needs compare="prior"', async () => {
    const demo = await manifest();
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
    });
    await allRendered(viewer, 1);
    expect(viewer.getLayout().map((cell) => cell.studyInstanceUid)).to.deep.equal([
      demo.studies.currentCt.studyInstanceUid,
    ]);
  });

  it('hangs 4 views without the prior when compare is none', async () => {
    const demo = await manifest();
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentMg.studyInstanceUid,
      compare: 'none',
    });
    await allRendered(viewer, 4);
    const layout = viewer.getLayout();
    expect(layout.map((cell) => [cell.row, cell.column])).to.deep.equal([
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    // The prior exists, so the current / prior / both toggle is offered.
    const both = viewer.shadowRoot!.querySelector<HTMLButtonElement>('button[data-view="both"]');
    expect(both).to.exist;
    both!.click();
    await allRendered(viewer, 8);
  });

  it('opens the CT with its prior and scrolls the prior to the nearest slice by position', async () => {
    const demo = await manifest();
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
      compare: 'prior',
    });
    const [currentViewport, priorViewport] = await allRendered(viewer, 2);
    const layout = viewer.getLayout();
    expect(layout.map((cell) => cell.studyInstanceUid)).to.deep.equal([
      demo.studies.currentCt.studyInstanceUid,
      demo.studies.priorCt.studyInstanceUid,
    ]);
    const z = (stack: { numbers(tag: number): number[] }[]) =>
      stack.map((d) => d.numbers(0x00200032)[2]!);
    const currentZ = z(currentViewport!.stack);
    const priorZ = z(priorViewport!.stack);
    for (const target of [2, currentZ.length - 1]) {
      currentViewport!.index = target;
      const expected = priorZ
        .map((position, index) => ({ index, distance: Math.abs(position - currentZ[target]!) }))
        .sort((a, b) => a.distance - b.distance)[0]!.index;
      // The prior follows the current cell's draw, and is done when it has drawn its own slice.
      await drawnAt(priorViewport!, expected);
      await drawnAt(currentViewport!, target);
    }
  });
});
