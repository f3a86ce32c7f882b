/**
 * Faithful display: sizes say which spacing they come from and when they are an estimate
 * (PS3.3 10.7.1.3; C.8.11.7: spacing at the breast = Imager Pixel Spacing ÷ Estimated
 * Radiographic Magnification Factor), and a locked viewport (console QC) keeps its grey values.
 */
import { expect } from '@open-wc/testing';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import type { PlainValue } from './dataset-builder.js';
import { client, drag, mounted, mount, pointer } from './tool-test-kit.js';
import { readCanvas } from './viewport-harness.js';

async function at(extra: Record<number, PlainValue>, configure = (_: CbViewport) => {}) {
  const viewport = await mount(extra, 1);
  viewport.scale = 2;
  configure(viewport);
  await viewport.updateComplete;
  return viewport;
}

function scaleBar(viewport: CbViewport): { width: number; length: string; sizes: string } {
  const bar = viewport.shadowRoot!.querySelector<HTMLElement>('.scale-bar')!;
  return {
    width: bar.getBoundingClientRect().width,
    length: bar.querySelector('.length')!.textContent.trim(),
    sizes: bar.querySelector('.sizes')!.textContent.trim(),
  };
}

describe('<cb-viewport> faithful display', () => {
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
  });

  it('sizes a mammogram at the breast from Imager Pixel Spacing ÷ magnification, marked as an estimate', async () => {
    const ips = 0.1;
    const factor = 1.15;
    const viewport = await at({ 0x00181164: `${ips}\\${ips}`, 0x00181114: factor });
    // At 2 CSS px per pixel, 1 mm is 2 ÷ (0.1 ÷ 1.15) = 23 CSS px; the bar is the longest round
    // length within a quarter of the 256 px viewport: 2 mm, 46 px.
    const cssPerMm = 2 / (ips / factor);
    const bar = scaleBar(viewport);
    expect(bar.width).to.be.closeTo(2 * cssPerMm + 2, 1); // + its 1 px side borders
    expect(bar.length).to.equal('≈ 2 mm');
    expect(bar.sizes).to.equal('Sizes estimated (Imager Pixel Spacing ÷ 1.15)');
    viewport.tool = 'length';
    drag(viewport, client(viewport, 0, 0), client(viewport, 30, 40));
    const measurement = viewport.measurements[0]!;
    expect(measurement.value).to.be.closeTo((50 * ips) / factor, 1e-6);
    expect(measurement).to.include({ estimated: true, unit: 'mm' });
    await viewport.updateComplete;
    const caption = viewport.shadowRoot!.querySelector('.annotations text')!.textContent;
    expect(caption.trim()).to.equal('≈ 4.35 mm');
    viewport.lang = 'fr';
    // The language follows `lang` through a MutationObserver (a microtask), then an update.
    await Promise.resolve();
    await viewport.updateComplete;
    expect(scaleBar(viewport).sizes).to.equal('Dimensions estimées (Imager Pixel Spacing ÷ 1,15)');
  });

  it('says sizes are at the detector without a magnification factor, and calibrated or estimated by Pixel Spacing Calibration Type', async () => {
    const detector = await at({ 0x00181164: '0.1\\0.1' });
    expect(scaleBar(detector)).to.deep.include({
      length: '2 mm',
      sizes: 'Sizes at the detector plane (Imager Pixel Spacing)',
    });
    detector.tool = 'length';
    drag(detector, client(detector, 0, 0), client(detector, 30, 40));
    expect(detector.measurements[0]!.value).to.be.closeTo(5, 1e-6);
    expect(detector.measurements[0]!.estimated).to.equal(undefined);
    const geometry = await at({ 0x00280030: '0.08\\0.08', 0x00280a02: 'GEOMETRY' });
    expect(scaleBar(geometry)).to.deep.include({
      length: '≈ 2 mm',
      sizes: 'Sizes estimated (Pixel Spacing, geometric correction)',
    });
    const fiducial = await at({ 0x00280030: '0.08\\0.08', 0x00280a02: 'FIDUCIAL' });
    expect(scaleBar(fiducial)).to.deep.include({
      length: '2 mm',
      sizes: 'Sizes calibrated (Pixel Spacing)',
    });
  });

  it('keeps a locked viewport’s window and pixel grid under drags, keys and the wheel; the loupe and panning still work', async () => {
    const viewport = await at({}, (v) => {
      v.locked = true;
      v.tool = 'windowLevel';
    });
    await new Promise(requestAnimationFrame);
    const window = viewport.effectiveWindow;
    const before = readCanvas(viewport).rgba;
    const changes: Event[] = [];
    viewport.addEventListener('cb-voi-change', (e) => changes.push(e));
    expect(viewport.shadowRoot!.querySelector('.toolbar')).to.equal(null);
    expect(viewport.shadowRoot!.querySelector('.locked-note')!.textContent).to.equal(
      'Display locked: loupe only',
    );
    // The primary button is the loupe, whatever `tool` says: a lens while held, no window change.
    pointer(viewport, 'pointerdown', client(viewport, 10, 10));
    pointer(viewport, 'pointermove', client(viewport, 40, 30));
    expect(viewport.shadowRoot!.querySelector('canvas.lens')).to.not.equal(null);
    pointer(viewport, 'pointerup', client(viewport, 40, 30));
    expect(viewport.shadowRoot!.querySelector('canvas.lens')).to.equal(null);
    // The secondary button would zoom, Ctrl+wheel too.
    drag(viewport, client(viewport, 10, 10), client(viewport, 10, 40), { button: 2 });
    viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, ctrlKey: true, bubbles: true }));
    viewport.focus();
    for (const [key, shiftKey] of [
      ['ArrowRight', true],
      ['ArrowUp', true],
      ['1', false],
      ['i', false],
      ['r', false],
      ['h', false],
      ['x', false],
      ['+', false],
      ['w', false],
    ] as const)
      viewport.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));
    viewport.setWindowFromUser({ windowCenter: 0, windowWidth: 10 });
    await viewport.updateComplete;
    await new Promise(requestAnimationFrame);
    expect(changes).to.have.length(0);
    expect(viewport.effectiveWindow).to.deep.equal(window);
    expect(viewport).to.include({ scale: 2, invert: false, rotation: 0, oneToOne: false });
    expect(viewport.flipHorizontal).to.equal(false);
    const after = readCanvas(viewport).rgba;
    expect(after.every((value, i) => value === before[i])).to.equal(true);
    // The middle button still pans.
    drag(viewport, client(viewport, 10, 10), client(viewport, 20, 10), { button: 1 });
    expect(viewport.pan.x).to.be.closeTo(20, 1e-6);
  });
});
