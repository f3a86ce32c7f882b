import { expect } from '@open-wc/testing';
import { SERIES_DRAG_TYPE } from '../../src/components/viewer/layout-grid.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import {
  STATIC,
  allRendered,
  manifest,
  mountViewer,
  studySeries,
  value,
  waitFor,
} from './viewer-harness.js';

/** Laterality + view position → SOP Instance UID, read straight from the server. */
async function mammoViews(studyInstanceUid: string): Promise<Map<string, string>> {
  const [series] = await studySeries(STATIC, studyInstanceUid);
  return new Map(
    series!.instances.map((instance) => [
      `${String(value(instance, '00200062'))}${String(value(instance, '00185101'))}`,
      String(value(instance, '00080018')),
    ]),
  );
}

describe('<cb-viewer> layouts and drag and drop', () => {
  let viewer: CbViewer | undefined;
  afterEach(() => {
    viewer?.remove();
    viewer = undefined;
  });

  it('keeps priors above currents, view over view, on an explicit 2x2 with compare', async () => {
    const demo = await manifest();
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentMg.studyInstanceUid,
      compare: 'prior',
      layout: '2x2',
    });
    await allRendered(viewer, 4);
    const prior = await mammoViews(demo.studies.priorMg.studyInstanceUid);
    const current = await mammoViews(demo.studies.currentMg.studyInstanceUid);
    const layout = viewer.getLayout();
    const at = (row: number, column: number) =>
      layout.find((cell) => cell.row === row && cell.column === column);
    expect(layout).to.have.length(4);
    ['RCC', 'LCC'].forEach((view, column) => {
      expect(at(0, column)?.studyInstanceUid, `row 0 is the prior (${view})`).to.equal(
        demo.studies.priorMg.studyInstanceUid,
      );
      expect(at(0, column)?.sopInstanceUid, `prior ${view}`).to.equal(prior.get(view));
      expect(at(1, column)?.studyInstanceUid, `row 1 is the current (${view})`).to.equal(
        demo.studies.currentMg.studyInstanceUid,
      );
      expect(at(1, column)?.sopInstanceUid, `current ${view}`).to.equal(current.get(view));
    });
  });

  it('keeps a side-by-side CT comparison where the protocol put it on a larger 2x2 grid', async () => {
    const demo = await manifest();
    const auto = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
      compare: 'prior',
    });
    viewer = auto;
    await allRendered(auto, 2);
    const hung = auto
      .getLayout()
      .map((cell) => [cell.row, cell.column, cell.studyInstanceUid] as const);
    auto.layout = '2x2';
    await auto.updateComplete;
    await allRendered(auto, 2);
    const fixed = auto.getLayout();
    expect(fixed).to.have.length(4);
    for (const [row, column, study] of hung)
      expect(
        fixed.find((cell) => cell.row === row && cell.column === column)?.studyInstanceUid,
      ).to.equal(study);
    expect(
      fixed.filter((cell) => cell.row === 1).every((cell) => !cell.seriesInstanceUid),
    ).to.equal(true);
  });

  it('opens a series dragged from the study browser in the cell it is dropped on', async () => {
    const demo = await manifest();
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
      layout: '1x2',
    });
    await allRendered(viewer, 1);
    const cr = (await studySeries(STATIC, demo.studies.currentCr.studyInstanceUid))[0]!;
    const browser = viewer.shadowRoot!.querySelector('cb-study-browser')!;
    await browser.updateComplete;
    const source = [
      ...browser.shadowRoot!.querySelectorAll<HTMLButtonElement>('.series button'),
    ].find((button) => button.textContent.includes('CR'))!;
    expect(source.draggable).to.equal(true);
    const transfer = new DataTransfer();
    source.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: transfer }));
    expect(transfer.types).to.include(SERIES_DRAG_TYPE);
    const target = viewer.shadowRoot!.querySelector<HTMLElement>(
      '.cell[data-row="0"][data-column="1"]',
    )!;
    const over = new DragEvent('dragover', {
      bubbles: true,
      cancelable: true,
      dataTransfer: transfer,
    });
    target.dispatchEvent(over);
    expect(over.defaultPrevented, 'the cell accepts the drag').to.equal(true);
    const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer });
    target.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);
    await allRendered(viewer, 2);
    const cell = await waitFor(
      () =>
        viewer!
          .getLayout()
          .find((item) => item.row === 0 && item.column === 1 && item.sopInstanceUid),
      'the dropped series on screen',
    );
    expect(cell.seriesInstanceUid).to.equal(cr.seriesInstanceUid);
    expect(cell.studyInstanceUid).to.equal(demo.studies.currentCr.studyInstanceUid);
    // The other cell still shows the CT.
    const ct = viewer.getLayout().find((item) => item.row === 0 && item.column === 0)!;
    expect(ct.studyInstanceUid).to.equal(demo.studies.currentCt.studyInstanceUid);
  });
});
