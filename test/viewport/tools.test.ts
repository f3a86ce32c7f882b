import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import type { MeasurementEvent } from '../../src/events/measurement.js';
import type { VoiChangeEvent } from '../../src/events/voi-change.js';
import { buildDataset, bytesOf, grayscaleModule, type PlainValue } from './dataset-builder.js';
import { mountViewport, nextRendered } from './viewport-harness.js';
import { animationFrames, waitFor } from '../waits.js';

const COLUMNS = 64;
const ROWS = 48;

function stack(extra: Record<number, PlainValue> = {}, count = 3) {
  const stored = Uint16Array.from({ length: COLUMNS * ROWS }, (_, i) => (i % COLUMNS) * 10);
  return Array.from({ length: count }, (_, k) =>
    buildDataset(
      {
        ...grayscaleModule(ROWS, COLUMNS, 12, false),
        0x00080018: `7.${k}`,
        0x00281052: -1000,
        0x00281053: 1,
        0x00281050: '40\\400',
        0x00281051: '400\\2000',
        0x00281055: 'SOFT\\BONE',
        ...extra,
      },
      [bytesOf(stored)],
    ),
  );
}

const mounted: CbViewport[] = [];
async function mount(extra: Record<number, PlainValue> = {}, count = 3): Promise<CbViewport> {
  const viewport = await mountViewport(stack(extra, count), 256, 192, 'auto', (v) => {
    v.scale = 'fit';
    v.overlay = 'on';
  });
  mounted.push(viewport);
  return viewport;
}

/** Client coordinates of an image point. */
function client(viewport: CbViewport, x: number, y: number): { clientX: number; clientY: number } {
  const m = viewport.imageToCss()!;
  const box = viewport.getBoundingClientRect();
  return {
    clientX: box.left + m.a * x + m.c * y + m.e,
    clientY: box.top + m.b * x + m.d * y + m.f,
  };
}

function pointer(
  viewport: CbViewport,
  type: string,
  at: { clientX: number; clientY: number },
  init: PointerEventInit = {},
): void {
  viewport.dispatchEvent(
    new PointerEvent(type, {
      bubbles: true,
      composed: true,
      pointerId: 1,
      pointerType: 'mouse',
      button: 0,
      ...at,
      ...init,
    }),
  );
}

function drag(
  viewport: CbViewport,
  from: { clientX: number; clientY: number },
  to: { clientX: number; clientY: number },
  init: PointerEventInit = {},
): void {
  pointer(viewport, 'pointerdown', from, init);
  for (let step = 1; step <= 4; step++) {
    const t = step / 4;
    pointer(
      viewport,
      'pointermove',
      {
        clientX: from.clientX + (to.clientX - from.clientX) * t,
        clientY: from.clientY + (to.clientY - from.clientY) * t,
      },
      init,
    );
  }
  pointer(viewport, 'pointerup', to, init);
}

const shapes = (viewport: CbViewport): number =>
  viewport.shadowRoot!.querySelectorAll('.annotations .shape').length;

describe('<cb-viewport> tools', () => {
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
  });

  it('adjusts the window by dragging and reports it with cb-voi-change', async () => {
    const viewport = await mount();
    const changes: VoiChangeEvent[] = [];
    viewport.addEventListener('cb-voi-change', (e) => changes.push(e));
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 150, clientY: 130 });
    const window = viewport.effectiveWindow!;
    expect(window.windowWidth).to.be.greaterThan(400);
    expect(window.windowCenter).to.be.greaterThan(40);
    expect(changes.at(-1)!.detail.source).to.equal('user');
  });

  it('scrolls the stack with the wheel and zooms with Ctrl+wheel', async () => {
    const viewport = await mount();
    viewport.dispatchEvent(
      new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true }),
    );
    expect(viewport.index).to.equal(1);
    const rendered = await nextRendered(viewport);
    expect(rendered.detail.sopInstanceUid).to.equal('7.1');
    const before = Math.hypot(viewport.imageToCss()!.a, viewport.imageToCss()!.b);
    viewport.dispatchEvent(
      new WheelEvent('wheel', {
        deltaY: -300,
        ctrlKey: true,
        clientX: 50,
        clientY: 50,
        bubbles: true,
        cancelable: true,
      }),
    );
    expect(viewport.scale).to.be.closeTo(before * Math.E, 1e-6);
  });

  it('pans with the middle button and zooms with the secondary button', async () => {
    const viewport = await mount();
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 130, clientY: 90 }, { button: 1 });
    expect(viewport.pan).to.deep.equal({ x: 30, y: -10 });
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 100, clientY: 50 }, { button: 2 });
    expect(viewport.scale).to.be.greaterThan(4);
  });

  it('pinch-zooms with two touches', async () => {
    const viewport = await mount();
    const box = viewport.getBoundingClientRect();
    const before = Math.hypot(viewport.imageToCss()!.a, viewport.imageToCss()!.b);
    const touch = (type: string, id: number, x: number): void => {
      pointer(
        viewport,
        type,
        { clientX: box.left + x, clientY: box.top + 96 },
        { pointerId: id, pointerType: 'touch' },
      );
    };
    touch('pointerdown', 11, 108);
    touch('pointerdown', 12, 148);
    touch('pointermove', 11, 88);
    touch('pointermove', 12, 168);
    touch('pointerup', 11, 88);
    touch('pointerup', 12, 168);
    // Finger distance 40 → 80 px: zoom doubles.
    expect(viewport.scale).to.be.closeTo(before * 2, 0.01);
  });

  it('drives every view action from the keyboard', async () => {
    const viewport = await mount();
    viewport.focus();
    await sendKeys({ press: 'End' });
    expect(viewport.index).to.equal(2);
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowDown' });
    expect(viewport.index).to.equal(1);
    await sendKeys({ press: 'i' });
    await sendKeys({ press: 'r' });
    await sendKeys({ press: 'h' });
    await sendKeys({ press: 'v' });
    expect([
      viewport.invert,
      viewport.rotation,
      viewport.flipHorizontal,
      viewport.flipVertical,
    ]).to.deep.equal([true, 90, true, true]);
    await sendKeys({ press: '2' });
    expect(viewport.effectiveWindow).to.deep.include({ windowCenter: 400, windowWidth: 2000 });
    await sendKeys({ press: 'Escape' });
    expect([viewport.invert, viewport.rotation, viewport.flipHorizontal]).to.deep.equal([
      false,
      0,
      false,
    ]);
    expect(viewport.effectiveWindow).to.deep.include({ windowCenter: 40 });
    await sendKeys({ press: 'l' });
    expect(viewport.tool).to.equal('length');
  });

  it('plays cine at the chosen frame rate and stops on Space', async () => {
    // Thirty images: the stack does not wrap within the few drawn here, however slow the draws.
    const viewport = await mount({}, 30);
    const shown: { index: number; at: number }[] = [];
    viewport.addEventListener('cb-image-rendered', () =>
      shown.push({ index: viewport.index, at: performance.now() }),
    );
    viewport.cineFps = 25;
    viewport.focus();
    const pressed = performance.now();
    await sendKeys({ press: 'Space' });
    expect(viewport.isPlaying).to.equal(true);
    await waitFor(() => shown.length >= 3, 'three frames played');
    await sendKeys({ press: 'Space' });
    expect(viewport.isPlaying).to.equal(false);
    // One frame after the other (a loaded machine may draw fewer of them, never out of order).
    const indices = shown.map((s) => s.index);
    expect(indices[0]).to.be.at.least(1);
    expect(indices.every((index, i) => i === 0 || index > indices[i - 1]!)).to.equal(true);
    // Never faster than 25 fps: image k cannot be drawn before k periods from the key press. A lower bound only: a busy machine can only slow cine down.
    for (const { index, at } of shown) expect(at - pressed).to.be.at.least(index * 40 - 1);
    // Stopped: a timer set now fires after any cine step due within a period would have
    // (timers fire in deadline order), and the index has not moved meanwhile.
    const stoppedAt = viewport.index;
    await new Promise((resolve) => setTimeout(resolve, 1000 / viewport.cineFps));
    await animationFrames(2);
    expect(viewport.index).to.equal(stoppedAt);
  });

  it('measures a length in mm from Pixel Spacing and says so', async () => {
    const viewport = await mount({ 0x00280030: '0.5\\0.5' });
    viewport.tool = 'length';
    const events: MeasurementEvent[] = [];
    viewport.addEventListener('cb-measurement', (e) => events.push(e));
    drag(viewport, client(viewport, 10, 10), client(viewport, 40, 50));
    const detail = events[0]!.detail;
    expect(detail).to.include({ kind: 'length', unit: 'mm', calibration: 'pixel-spacing' });
    expect(detail.value).to.be.closeTo(25, 0.01);
    expect(detail.points[1]!.x).to.be.closeTo(40, 0.01);
    expect(viewport.measurements).to.have.length(1);
  });

  it('measures in px when no spacing applies and in magnification-corrected mm for mammography', async () => {
    const plain = await mount();
    plain.tool = 'length';
    drag(plain, client(plain, 0, 0), client(plain, 30, 40));
    expect(plain.measurements[0]).to.include({ unit: 'px', calibration: 'none' });
    expect(plain.measurements[0]!.value).to.be.closeTo(50, 0.01);
    const mammo = await mount({ 0x00181164: '0.1\\0.1', 0x00181114: 1.25 });
    mammo.tool = 'length';
    drag(mammo, client(mammo, 0, 0), client(mammo, 30, 40));
    expect(mammo.measurements[0]).to.include({
      unit: 'mm',
      calibration: 'imager-pixel-spacing-magnified',
    });
    expect(mammo.measurements[0]!.value).to.be.closeTo(4, 0.01);
  });

  it('gives rectangle and ellipse statistics in Hounsfield units', async () => {
    const viewport = await mount({ 0x00280030: '1\\1', 0x00080060: 'CT' });
    viewport.tool = 'rectangle';
    drag(viewport, client(viewport, 2, 0), client(viewport, 4, 2));
    const rect = viewport.measurements[0]!;
    // Columns 2 and 3 → stored 20, 30 → −980, −970 HU.
    expect(rect.statistics).to.deep.include({
      mean: -975,
      min: -980,
      max: -970,
      unit: 'HU',
      pixelCount: 4,
    });
    expect(rect).to.include({ value: 4, unit: 'mm²' });
    viewport.tool = 'ellipse';
    drag(viewport, client(viewport, 10, 10), client(viewport, 20, 20));
    expect(viewport.measurements[1]!.value).to.be.closeTo(Math.PI * 25, 1e-6);
  });

  it('measures an angle from three points', async () => {
    const viewport = await mount();
    viewport.tool = 'angle';
    drag(viewport, client(viewport, 30, 5), client(viewport, 10, 5));
    drag(viewport, client(viewport, 10, 5), client(viewport, 10, 35));
    expect(viewport.measurements[0]!.kind).to.equal('angle');
    expect(viewport.measurements[0]!.value).to.be.closeTo(90, 0.5);
  });

  it('keeps measurements on their image while scrolling and deletes them with Delete', async () => {
    const viewport = await mount();
    viewport.tool = 'length';
    drag(viewport, client(viewport, 5, 5), client(viewport, 20, 20));
    await viewport.updateComplete;
    expect(shapes(viewport)).to.equal(1);
    viewport.index = 1;
    await nextRendered(viewport);
    expect(shapes(viewport)).to.equal(0);
    viewport.index = 0;
    await viewport.updateComplete;
    expect(shapes(viewport)).to.equal(1);
    const deleted = new Promise<MeasurementEvent>((resolve) => {
      viewport.addEventListener('cb-measurement', resolve, { once: true });
    });
    viewport.focus();
    await sendKeys({ press: 'Delete' });
    expect((await deleted).change).to.equal('deleted');
    expect(viewport.measurements).to.have.length(0);
  });

  it('adjusts the window with a real mouse drag (browser-generated pointer events)', async () => {
    const viewport = await mount();
    const box = viewport.getBoundingClientRect();
    const at = (x: number, y: number): [number, number] => [
      Math.round(box.left + x),
      Math.round(box.top + y),
    ];
    try {
      await sendMouse({ type: 'move', position: at(100, 100) });
      await sendMouse({ type: 'down', button: 'left' });
      await sendMouse({ type: 'move', position: at(160, 130) });
      await sendMouse({ type: 'up', button: 'left' });
    } finally {
      await resetMouse();
    }
    const window = viewport.effectiveWindow!;
    expect(window.windowWidth).to.be.greaterThan(400);
    expect(window.windowCenter).to.be.greaterThan(40);
  });

  it('runs the primary-button tools pan, zoom and scroll from a mouse drag', async () => {
    const viewport = await mount({}, 6);
    viewport.tool = 'pan';
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 120, clientY: 115 });
    expect(viewport.pan).to.deep.equal({ x: 20, y: 15 });
    viewport.tool = 'zoom';
    const before = Math.hypot(viewport.imageToCss()!.a, viewport.imageToCss()!.b);
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 100, clientY: 50 });
    expect(viewport.scale).to.be.closeTo(before * Math.exp(0.5), 1e-6);
    viewport.tool = 'scroll';
    // 8 CSS pixels a slice: 24 px down → 3 slices on.
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 100, clientY: 124 });
    expect(viewport.index).to.equal(3);
  });

  it('runs window, pan, zoom, scroll and the magnifier from a one-finger touch drag', async () => {
    const viewport = await mount({}, 6);
    const touch = { pointerType: 'touch', pointerId: 21 };
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 150, clientY: 130 }, touch);
    expect(viewport.effectiveWindow!.windowWidth).to.be.greaterThan(400);
    viewport.tool = 'pan';
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 90, clientY: 125 }, touch);
    expect(viewport.pan).to.deep.equal({ x: -10, y: 25 });
    viewport.tool = 'zoom';
    const before = Math.hypot(viewport.imageToCss()!.a, viewport.imageToCss()!.b);
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 100, clientY: 150 }, touch);
    expect(viewport.scale).to.be.closeTo(before * Math.exp(-0.5), 1e-6);
    viewport.tool = 'scroll';
    drag(viewport, { clientX: 100, clientY: 100 }, { clientX: 100, clientY: 116 }, touch);
    expect(viewport.index).to.equal(2);
    viewport.tool = 'magnifier';
    pointer(viewport, 'pointerdown', client(viewport, 30, 20), touch);
    expect(viewport.shadowRoot!.querySelector('canvas.lens')).to.not.equal(null);
    pointer(viewport, 'pointerup', client(viewport, 30, 20), touch);
    expect(viewport.shadowRoot!.querySelector('canvas.lens')).to.equal(null);
  });

  it('pans with two fingers moving together without zooming', async () => {
    const viewport = await mount();
    const box = viewport.getBoundingClientRect();
    const scale = Math.hypot(viewport.imageToCss()!.a, viewport.imageToCss()!.b);
    const touch = (type: string, id: number, x: number, y: number): void => {
      pointer(
        viewport,
        type,
        { clientX: box.left + x, clientY: box.top + y },
        { pointerId: id, pointerType: 'touch' },
      );
    };
    touch('pointerdown', 31, 100, 90);
    touch('pointerdown', 32, 140, 90);
    touch('pointermove', 31, 120, 70);
    touch('pointermove', 32, 160, 70);
    touch('pointerup', 31, 120, 70);
    touch('pointerup', 32, 160, 70);
    // Each finger moves on its own (as real touch events arrive): the image point under the
    // fingers' midpoint follows it, so the net effect is a pure pan.
    expect(viewport.pan.x).to.be.closeTo(20, 1e-6);
    expect(viewport.pan.y).to.be.closeTo(-20, 1e-6);
    expect(Math.hypot(viewport.imageToCss()!.a, viewport.imageToCss()!.b)).to.be.closeTo(
      scale,
      1e-9,
    );
  });

  it('draws length, angle, rectangle and ellipse with a finger', async () => {
    const viewport = await mount({ 0x00280030: '0.5\\0.5' });
    const touch = { pointerType: 'touch', pointerId: 41 };
    viewport.tool = 'length';
    drag(viewport, client(viewport, 10, 10), client(viewport, 40, 50), touch);
    viewport.tool = 'angle';
    drag(viewport, client(viewport, 30, 5), client(viewport, 10, 5), touch);
    drag(viewport, client(viewport, 10, 5), client(viewport, 10, 35), touch);
    viewport.tool = 'rectangle';
    drag(viewport, client(viewport, 2, 0), client(viewport, 4, 2), touch);
    viewport.tool = 'ellipse';
    drag(viewport, client(viewport, 10, 10), client(viewport, 20, 20), touch);
    const found = viewport.measurements.map((m) => [m.kind, m.unit]);
    expect(found).to.deep.equal([
      ['length', 'mm'],
      ['angle', 'deg'],
      ['rectangle', 'mm²'],
      ['ellipse', 'mm²'],
    ]);
    const [length, angle, rectangle, ellipse] = viewport.measurements;
    expect(length!.value).to.be.closeTo(25, 0.01);
    expect(angle!.value).to.be.closeTo(90, 0.5);
    expect(rectangle!.value).to.be.closeTo(1, 1e-9);
    expect(ellipse!.value).to.be.closeTo(Math.PI * 6.25, 1e-6);
  });

  it('zooms, pages, rotates back, sets the cine rate and picks every tool from the keyboard', async () => {
    const viewport = await mount({}, 24);
    viewport.focus();
    const scale = (): number => Math.hypot(viewport.imageToCss()!.a, viewport.imageToCss()!.b);
    const fit = scale();
    await sendKeys({ press: '+' });
    expect(scale()).to.be.closeTo(fit * 1.25, 1e-6);
    await sendKeys({ press: '-' });
    expect(scale()).to.be.closeTo(fit, 1e-6);
    await sendKeys({ press: 'PageDown' });
    expect(viewport.index).to.equal(10);
    await sendKeys({ press: 'PageUp' });
    expect(viewport.index).to.equal(0);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'R' });
    await sendKeys({ up: 'Shift' });
    expect(viewport.rotation).to.equal(270);
    await sendKeys({ press: '0' });
    expect(viewport.rotation).to.equal(0);
    const fps = viewport.cineFps;
    await sendKeys({ press: ']' });
    await sendKeys({ press: ']' });
    await sendKeys({ press: '[' });
    expect(viewport.cineFps).to.equal(fps + 1);
    const tools: string[] = [];
    for (const key of ['p', 'z', 's', 'a', 'b', 'o', 'g', 'l', 'w']) {
      await sendKeys({ press: key });
      tools.push(viewport.tool);
    }
    expect(tools).to.deep.equal([
      'pan',
      'zoom',
      'scroll',
      'angle',
      'rectangle',
      'ellipse',
      'magnifier',
      'length',
      'windowLevel',
    ]);
  });

  it('shows a magnifier lens while pressed', async () => {
    const viewport = await mount();
    viewport.tool = 'magnifier';
    pointer(viewport, 'pointerdown', client(viewport, 30, 20));
    expect(viewport.shadowRoot!.querySelector('canvas.lens')).to.not.equal(null);
    pointer(viewport, 'pointerup', client(viewport, 30, 20));
    expect(viewport.shadowRoot!.querySelector('canvas.lens')).to.equal(null);
  });

  it('places orientation markers from Image Orientation (Patient), following flips and language', async () => {
    const viewport = await mount({ 0x00200037: '1\\0\\0\\0\\1\\0', 0x00280030: '0.5\\0.5' });
    const marker = (side: string): string =>
      viewport.shadowRoot!.querySelector(`.marker.${side}`)!.textContent;
    expect(['left', 'right', 'top', 'bottom'].map(marker)).to.deep.equal(['R', 'L', 'A', 'P']);
    viewport.flipHorizontal = true;
    viewport.lang = 'fr';
    await viewport.updateComplete;
    expect(['left', 'right'].map(marker)).to.deep.equal(['G', 'D']);
    expect(viewport.shadowRoot!.querySelector('.scale-bar')).to.not.equal(null);
  });
});
