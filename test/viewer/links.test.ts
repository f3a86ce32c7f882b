import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import {
  STATIC,
  allRendered,
  animationFrames,
  drawnAt,
  manifest,
  mountViewer,
  viewportAt,
  waitFor,
} from './viewer-harness.js';

describe('<cb-viewer> links between cells', () => {
  let viewer: CbViewer | undefined;
  afterEach(() => {
    viewer?.remove();
    viewer = undefined;
  });

  async function openCtComparison(): Promise<CbViewer> {
    const demo = await manifest();
    viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
      compare: 'prior',
    });
    await allRendered(viewer, 2);
    return viewer;
  }

  it('copies a CT window change to the linked prior (calibrated Hounsfield units)', async () => {
    const element = await openCtComparison();
    const current = viewportAt(element, 0, 0)!;
    const prior = viewportAt(element, 0, 1)!;
    current.setWindowFromUser({ windowCenter: -600, windowWidth: 1500 });
    await waitFor(() => prior.voi?.windowCenter === -600, 'prior window');
    expect(prior.voi?.windowWidth).to.equal(1500);
  });

  it('carries a zoom made in one cell to its zoom/pan peers by the same factor', async () => {
    const element = await openCtComparison();
    const current = viewportAt(element, 0, 0)!;
    const prior = viewportAt(element, 0, 1)!;
    const scaleOf = (v: typeof current) => Math.hypot(v.imageToCss()!.a, v.imageToCss()!.b);
    const before = scaleOf(prior);
    current.scale = scaleOf(current) * 2;
    current.pan = { x: 30, y: -10 };
    await current.updateComplete;
    current.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, composed: true }));
    await waitFor(() => typeof prior.scale === 'number', 'prior zoomed');
    expect(prior.scale).to.be.closeTo(before * 2, 1e-6);
    expect(prior.pan).to.deep.equal({ x: 30, y: -10 });
  });

  it("keeps the reader's pan and window when the viewer renders again (a thumbnail, progress)", async () => {
    const element = await openCtComparison();
    const current = viewportAt(element, 0, 0)!;
    current.pan = { x: 30, y: -10 };
    current.voi = { windowCenter: 40, windowWidth: 400 };
    await current.updateComplete;
    element.requestUpdate();
    await element.updateComplete;
    expect(current.pan).to.deep.equal({ x: 30, y: -10 });
    expect(current.voi).to.deep.equal({ windowCenter: 40, windowWidth: 400 });
  });

  it('stops following when the position link is switched off', async () => {
    const element = await openCtComparison();
    const current = viewportAt(element, 0, 0)!;
    const prior = viewportAt(element, 0, 1)!;
    const toggle = element.shadowRoot!.querySelector<HTMLButtonElement>(
      'button[data-link="position"]',
    )!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    toggle.click();
    await element.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    const start = prior.index;
    current.index = 7;
    // The links move their peers from the draw's cb-image-rendered, in its dispatch: once slice 7
    // is drawn, and two frames later for anything it scheduled, a prior that follows has moved.
    await drawnAt(current, 7);
    await animationFrames(2);
    expect(prior.index).to.equal(start);
  });

  it('scrolls series of different Frames of Reference by a registration the reader clicks', async () => {
    const element = await openCtComparison();
    const current = viewportAt(element, 0, 0)!;
    const prior = viewportAt(element, 0, 1)!;
    const button = (selector: string) =>
      element.shadowRoot!.querySelector<HTMLButtonElement>(selector)!;
    const frameOfReference = (v: typeof current) => v.stack[0]!.string(0x00200052);
    expect(frameOfReference(current)).to.not.equal(frameOfReference(prior));
    // Put the prior two slices further (27 mm apart here), links off so nothing follows.
    button('button[data-link="position"]').click();
    await element.updateComplete;
    // The links follow drawn images (cb-image-rendered), so wait for the draw itself: an index
    // changed back before its image reached the screen is, to the links, no scroll at all.
    const drawn = new Map<typeof current, string>();
    for (const viewport of [current, prior]) {
      drawn.set(viewport, viewport.currentImage?.image.dataset.string(0x00080018) ?? '');
      viewport.addEventListener('cb-image-rendered', (event) =>
        drawn.set(viewport, event.detail.sopInstanceUid ?? ''),
      );
    }
    const sop = (v: typeof current, index: number) => v.stack[index]!.string(0x00080018);
    current.index = 0;
    prior.index = 2;
    await waitFor(() => drawn.get(prior) === sop(prior, 2), 'prior drawn at 2');
    await waitFor(() => drawn.get(current) === sop(current, 0), 'current drawn at 0');
    // Register: the same point (each image's centre) in the current, then in the prior.
    button('button.register').click();
    await element.updateComplete;
    expect(button('button.register').getAttribute('aria-pressed')).to.equal('true');
    for (const viewport of [current, prior]) {
      const box = viewport.getBoundingClientRect();
      viewport.dispatchEvent(
        new PointerEvent('pointerdown', {
          clientX: box.left + box.width / 2,
          clientY: box.top + box.height / 2,
          bubbles: true,
          composed: true,
        }),
      );
    }
    await element.updateComplete;
    expect(button('button.register').getAttribute('aria-pressed')).to.equal('false');
    button('button[data-link="position"]').click();
    await element.updateComplete;
    // Current slice 5 now matches the prior's slice 7 (the registered offset), not its slice 5.
    current.index = 5;
    await waitFor(() => prior.index === 7, 'prior at 7');
  });
});
