import { expect } from '@open-wc/testing';
import { COLUMNS, ROWS, ctDataset } from '../../../test/viewport/ct-stack.js';
import {
  mountViewport,
  nextRendered,
  readCanvas,
} from '../../../test/viewport/viewport-harness.js';
import type { CbViewport } from './viewport.js';
import './cb-viewport.js';

const mounted: CbViewport[] = [];
afterEach(() => {
  for (const viewport of mounted.splice(0)) viewport.remove();
});

async function mount(...args: Parameters<typeof mountViewport>): Promise<CbViewport> {
  const viewport = await mountViewport(...args);
  mounted.push(viewport);
  return viewport;
}

describe('<cb-viewport>', () => {
  it('makes its renderer at once when it has nothing to show yet (a viewer cell awaiting its series)', async () => {
    const viewport = document.createElement('cb-viewport');
    viewport.style.cssText = 'display:block;width:64px;height:48px';
    document.body.append(viewport);
    try {
      await viewport.updateComplete;
      // No task has run since the first update: the WebGL context is ready for the first frame.
      expect(viewport.canvas).to.not.equal(undefined);
    } finally {
      viewport.remove();
    }
  });

  it('announces each image with its UIDs, frame, quality and load time', async () => {
    const { dataset } = ctDataset();
    const viewport = document.createElement('cb-viewport');
    mounted.push(viewport);
    const rendered = nextRendered(viewport);
    document.body.append(viewport);
    viewport.stack = [dataset];
    const { detail } = await rendered;
    expect(detail).to.include({
      studyInstanceUid: '1.2.3',
      seriesInstanceUid: '1.2.3.4',
      sopInstanceUid: '1.2.3.4.5',
      frame: 0,
      quality: 'full',
    });
    expect(detail.msSinceLoadStart).to.be.within(0, 10000);
  });

  it('expands multi-frame instances into one stack image per frame', async () => {
    const single = ctDataset({ 0x00080018: '9.1' }).dataset;
    const multi = ctDataset({ 0x00080018: '9.2', 0x00280008: 3 }, 3).dataset;
    const viewport = await mount([single, multi], COLUMNS, ROWS, 'auto');
    expect(viewport.imageCount).to.equal(4);
    const rendered = nextRendered(viewport);
    viewport.index = 3;
    const { detail } = await rendered;
    expect([detail.sopInstanceUid, detail.frame]).to.deep.equal(['9.2', 2]);
  });

  it('displays a Patient Name holding markup as literal text', async () => {
    const name = '<img src=x onerror="window.__cbXss=1">';
    const { dataset } = ctDataset({ 0x00100010: name });
    const viewport = await mount([dataset], 256, 256, 'auto', (v) => {
      v.overlay = 'on';
    });
    await viewport.updateComplete;
    const root = viewport.shadowRoot!;
    expect(root.querySelector('img')).to.equal(null);
    expect(root.querySelector('.top-left')!.textContent).to.contain(name);
    expect((window as { __cbXss?: number }).__cbXss).to.equal(undefined);
  });

  it('hides every overlay with overlay="off"', async () => {
    const { dataset } = ctDataset({ 0x00100010: 'DOE^JANE' });
    const viewport = await mount([dataset], 256, 256, 'auto');
    expect(viewport.shadowRoot!.querySelector('.overlay, .annotations')).to.equal(null);
    viewport.overlay = 'on';
    await viewport.updateComplete;
    expect(viewport.shadowRoot!.querySelector('.overlay')).to.not.equal(null);
  });

  it('speaks French under lang="fr" and English by default', async () => {
    const { dataset } = ctDataset({ 0x00200011: 3 });
    const viewport = await mount([dataset], 256, 256, 'auto', (v) => {
      v.overlay = 'on';
    });
    const text = (): string => viewport.shadowRoot!.querySelector('.bottom-left')!.textContent;
    expect(text()).to.contain('Se: 3');
    const wrapper = document.createElement('div');
    wrapper.lang = 'fr';
    document.body.append(wrapper);
    wrapper.append(viewport);
    await viewport.updateComplete;
    expect(text()).to.contain('Sé: 3');
    expect(viewport.getAttribute('aria-label')).to.equal('Image médicale');
    wrapper.remove();
  });

  it('shows a loading bar from loadProgress until the stack is complete', async () => {
    const { dataset } = ctDataset();
    const viewport = await mount([dataset], 256, 256, 'auto');
    viewport.loadProgress = { loaded: 3, total: 10 };
    await viewport.updateComplete;
    const bar = viewport.shadowRoot!.querySelector<HTMLElement>('[role=progressbar]')!;
    expect(bar.style.width).to.equal('30%');
    viewport.loadProgress = { loaded: 10, total: 10 };
    await viewport.updateComplete;
    expect(viewport.shadowRoot!.querySelector('[role=progressbar]')).to.equal(null);
  });

  it('reads back the header window after reset()', async () => {
    const { dataset } = ctDataset();
    const viewport = await mount([dataset], COLUMNS, ROWS, 'auto');
    viewport.voi = { windowCenter: 500, windowWidth: 10 };
    viewport.invert = true;
    viewport.rotation = 90;
    viewport.reset();
    await viewport.updateComplete;
    expect(viewport.effectiveWindow).to.deep.equal({
      windowCenter: 40,
      windowWidth: 400,
      function: 'LINEAR',
    });
    expect([viewport.invert, viewport.rotation, viewport.scale]).to.deep.equal([false, 0, 'fit']);
    expect(readCanvas(viewport).width).to.equal(COLUMNS * window.devicePixelRatio);
  });
});
