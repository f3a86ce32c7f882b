import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import {
  STATIC,
  allRendered,
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
    await waitFor(() => current.currentImage?.image.dataset === current.stack[7], 'current at 7');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(prior.index).to.equal(start);
  });
});
