/**
 * <cb-viewer> in 1:1 mode on the screening mammography hanging (current round under the prior):
 * every view one stored pixel per device pixel, each from its chest wall, and a pan made in one
 * view carried to all the views linked to it (the protocol's zoom/pan link).
 */
import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { client, drag } from '../viewport/tool-test-kit.js';
import {
  STATIC,
  allRendered,
  animationFrames,
  manifest,
  mountViewer,
  viewportAt,
  waitFor,
} from './viewer-harness.js';

/** mm per pixel at the breast, by the standard's formula: Imager Pixel Spacing ÷ ERMF (C.8.11.7). */
function breastSpacing(viewport: CbViewport): number {
  const dataset = viewport.currentImage!.image.dataset;
  return dataset.numbers(0x00181164)[1]! / (dataset.number(0x00181114) ?? 1);
}

describe('<cb-viewer> 1:1 mode', () => {
  let viewer: CbViewer | undefined;
  afterEach(() => {
    viewer?.remove();
    viewer = undefined;
  });

  it('shows all eight views 1:1 from their chest walls and carries a pan to every linked view', async () => {
    const demo = await manifest();
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentMg.studyInstanceUid,
    });
    const all = await allRendered(viewer, 8);
    // Same physical scale before 1:1 (screening hanging): one mm per CSS pixel for all eight.
    const mmPerCss = all.map((v) => breastSpacing(v) / v.imageToCss()!.a);
    expect(Math.max(...mmPerCss) - Math.min(...mmPerCss)).to.be.below(1e-9);

    viewer.shadowRoot!.querySelector<HTMLButtonElement>('.toolbar button.one-to-one')!.click();
    await viewer.updateComplete;
    const dpr = window.devicePixelRatio;
    await waitFor(
      () => all.every((v) => v.oneToOne && v.imageToCss()!.a * dpr === 1),
      'every view 1:1',
    );
    expect(viewer.hasAttribute('one-to-one')).to.equal(true);
    // The right breast's views (columns 0 and 2) meet their cell's right edge at the chest wall,
    // the left breast's their left edge.
    const edges = (v: CbViewport) => {
      const m = v.imageToCss()!;
      const width = v.currentImage!.frame.columns * m.a;
      return { left: m.e, right: m.e + width, cell: v.getBoundingClientRect().width };
    };
    for (const row of [0, 1])
      for (const column of [0, 1, 2, 3]) {
        const e = edges(viewportAt(viewer, row, column)!);
        expect(e.right - e.left, 'larger than its cell at 1:1').to.be.above(e.cell);
        if (column % 2 === 0) expect(e.right).to.be.closeTo(e.cell, 0.5);
        else expect(e.left).to.be.closeTo(0, 0.5);
      }

    // The viewer remembers the views it set; then a middle-button pan in today's RCC moves all.
    await animationFrames(2);
    const rcc = viewportAt(viewer, 1, 0)!;
    const rows = rcc.currentImage!.frame.rows * rcc.imageToCss()!.d;
    const slack = (rows - rcc.getBoundingClientRect().height) / 2;
    expect(slack).to.be.above(5);
    const dy = -Math.min(10, Math.floor(slack));
    drag(
      rcc,
      client(rcc, 50, 50),
      { ...client(rcc, 50, 50), clientY: client(rcc, 50, 50).clientY + dy },
      {
        button: 1,
      },
    );
    await waitFor(() => all.every((v) => v.pan.y === dy), `every view panned by ${String(dy)}`);

    // X in one cell leaves 1:1 in all of them, back to the hung physical scale.
    rcc.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true, composed: true }));
    await waitFor(() => !viewer!.oneToOne && all.every((v) => !v.oneToOne), '1:1 off everywhere');
    await viewer.updateComplete;
    const after = all.map((v) => breastSpacing(v) / v.imageToCss()!.a);
    expect(after[0]).to.be.closeTo(mmPerCss[0]!, 1e-9);
  });
});
