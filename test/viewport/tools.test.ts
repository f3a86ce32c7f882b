import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { VoiChangeEvent } from '../../src/events/voi-change.js';
import { client, drag, mount, mounted, pointer } from './tool-test-kit.js';
import { nextRendered } from './viewport-harness.js';
import { animationFrames, waitFor } from '../waits.js';

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
