import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import type { MeasurementEvent } from '../../src/events/measurement.js';
import type { VoiChangeEvent } from '../../src/events/voi-change.js';
import { buildDataset, bytesOf, grayscaleModule } from './dataset-builder.js';
import { mountViewport } from './viewport-harness.js';

// 64×48 image in a 256×192 viewport: 'fit' gives exactly 4 CSS pixels per image pixel.
const COLUMNS = 64;
const ROWS = 48;

function stack(count = 3) {
  const stored = Uint16Array.from({ length: COLUMNS * ROWS }, (_, i) => (i % COLUMNS) * 10);
  return Array.from({ length: count }, (_, k) =>
    buildDataset(
      {
        ...grayscaleModule(ROWS, COLUMNS, 12, false),
        0x00080018: `9.${k}`,
        0x00281052: -1000,
        0x00281053: 1,
        0x00281050: '40\\400',
        0x00281051: '400\\2000',
        0x00281055: 'SOFT\\BONE',
      },
      [bytesOf(stored)],
    ),
  );
}

const mounted: CbViewport[] = [];
async function mount(lang?: string): Promise<CbViewport> {
  const viewport = await mountViewport(stack(), 256, 192, 'auto', (v) => {
    v.scale = 'fit';
    v.overlay = 'on';
    if (lang) v.lang = lang;
  });
  mounted.push(viewport);
  await viewport.updateComplete;
  viewport.focus();
  return viewport;
}

/** Real key presses (CDP); 'Shift+ArrowUp' holds the modifier down around the key. */
async function press(...keys: string[]): Promise<void> {
  for (const key of keys) {
    const [modifier, main] = key.length > 1 && key.includes('+') ? key.split('+') : [];
    if (modifier && main) {
      await sendKeys({ down: modifier });
      await sendKeys({ press: main });
      await sendKeys({ up: modifier });
    } else await sendKeys({ press: key });
  }
}

function button(viewport: CbViewport, name: string): HTMLButtonElement {
  const found = viewport.shadowRoot!.querySelector<HTMLButtonElement>(`.toolbar button.${name}`);
  if (!found) throw new Error(`no ${name} button`);
  return found;
}

/** A real mouse click (CDP) in the middle of a toolbar button. */
async function click(viewport: CbViewport, name: string): Promise<void> {
  const box = button(viewport, name).getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
  await viewport.updateComplete;
}

/**
 * What Chromium sends for a finger tap: touch pointerdown/move/up on the button, then click.
 * Synthetic (the test runner has no touch command), so pointer capture is not exercised here;
 * the real mouse click test covers that.
 */
async function tap(viewport: CbViewport, name: string): Promise<void> {
  const target = button(viewport, name);
  const box = target.getBoundingClientRect();
  const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
  const init = { bubbles: true, composed: true, pointerId: 7, pointerType: 'touch', ...at };
  const moved = { clientX: at.clientX + 3, clientY: at.clientY + 4 };
  target.dispatchEvent(new PointerEvent('pointerdown', { ...init, button: 0, buttons: 1 }));
  // A finger jitters a few pixels: the viewport's window/level tool must not see it.
  target.dispatchEvent(new PointerEvent('pointermove', { ...init, ...moved, buttons: 1 }));
  target.dispatchEvent(new PointerEvent('pointerup', { ...init, ...moved, button: 0 }));
  target.click();
  await viewport.updateComplete;
}

/** Toolbar operated by Tab focus and Enter or Space on the focused button. */
async function keyActivate(viewport: CbViewport, name: string, key: 'Enter' | ' '): Promise<void> {
  button(viewport, name).focus();
  await sendKeys({ press: key === ' ' ? 'Space' : 'Enter' });
  await viewport.updateComplete;
}

type Activate = (viewport: CbViewport, name: string) => Promise<void>;
const ways: [string, Activate][] = [
  ['mouse click', click],
  ['touch tap', tap],
  ['keyboard Enter', (v, n) => keyActivate(v, n, 'Enter')],
  ['keyboard Space', (v, n) => keyActivate(v, n, ' ')],
];

describe('<cb-viewport> keyboard window/level and pan', () => {
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
  });

  it('Shift+arrows change width and centre by 5 % of the width and fire cb-voi-change', async () => {
    const viewport = await mount();
    const changes: VoiChangeEvent[] = [];
    viewport.addEventListener('cb-voi-change', (e) => changes.push(e));
    expect(viewport.effectiveWindow).to.include({ windowCenter: 40, windowWidth: 400 });
    await press('Shift+ArrowRight');
    expect(viewport.effectiveWindow!.windowWidth).to.be.closeTo(420, 1e-9);
    await press('Shift+ArrowUp');
    expect(viewport.effectiveWindow!.windowCenter).to.be.closeTo(40 + 21, 1e-9);
    await press('Shift+ArrowDown', 'Shift+ArrowDown', 'Shift+ArrowLeft');
    expect(viewport.effectiveWindow!.windowCenter).to.be.closeTo(40 - 21, 1e-9);
    expect(viewport.effectiveWindow!.windowWidth).to.be.closeTo(420 * 0.95, 1e-9);
    expect(changes).to.have.length(5);
    expect(changes.every((e) => e.detail.source === 'user')).to.equal(true);
    // Shift+arrows must not also scroll the stack.
    expect(viewport.index).to.equal(0);
  });

  it('Ctrl+arrows and Alt+arrows pan by 20 CSS pixels without scrolling', async () => {
    const viewport = await mount();
    await press('Control+ArrowRight', 'Control+ArrowRight', 'Control+ArrowUp');
    expect(viewport.pan).to.deep.equal({ x: 40, y: -20 });
    await press('Alt+ArrowLeft', 'Alt+ArrowDown', 'Alt+ArrowDown');
    expect(viewport.pan).to.deep.equal({ x: 20, y: 20 });
    expect(viewport.index).to.equal(0);
    // Plain arrows still scroll the stack.
    await press('ArrowDown');
    expect(viewport.index).to.equal(1);
  });
});

describe('<cb-viewport> measurements from the keyboard', () => {
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
  });

  const created = (viewport: CbViewport): MeasurementEvent[] => {
    const list: MeasurementEvent[] = [];
    viewport.addEventListener('cb-measurement', (e) => list.push(e));
    return list;
  };

  it('draws a length: Enter shows the cursor, Enter fixes each end, arrows move by 8 CSS px', async () => {
    const viewport = await mount();
    const events = created(viewport);
    await press('l', 'Enter');
    expect(viewport.shadowRoot!.querySelector('.annotations .cursor')).to.not.equal(null);
    await press('Enter', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight');
    expect(viewport.index, 'arrows move the cursor, not the stack').to.equal(0);
    await press('Enter');
    const [m] = viewport.measurements;
    expect(m?.kind).to.equal('length');
    // 4 presses × 8 CSS px ÷ 4 CSS px per image pixel = 8 image pixels from the centre.
    expect(m?.points).to.deep.equal([
      { x: 32, y: 24 },
      { x: 40, y: 24 },
    ]);
    expect(m?.value).to.be.closeTo(8, 1e-9);
    expect(events.map((e) => e.detail.kind)).to.deep.equal(['length']);
  });

  it('draws a rectangle with statistics, Shift+arrows moving by one CSS pixel', async () => {
    const viewport = await mount();
    await press('b', 'Enter', 'ArrowLeft', 'ArrowUp', 'Enter');
    await press('ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown', 'Shift+ArrowDown');
    await press('Enter');
    const [m] = viewport.measurements;
    expect(m?.kind).to.equal('rectangle');
    expect(m?.points).to.deep.equal([
      { x: 30, y: 22 },
      { x: 34, y: 26.25 },
    ]);
    expect(m?.value).to.be.closeTo(4 * 4.25, 1e-9);
    // Modality value = 10·x − 1000 for columns 30…34: a mean near −680 HU.
    expect(m?.statistics?.mean).to.be.within(-700, -660);
  });

  it('draws an angle (end, vertex, end) and an ellipse starting where the last one ended', async () => {
    const viewport = await mount();
    await press('a', 'Enter', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'Enter');
    await press('ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'Enter');
    await press('ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'Enter');
    const [angle] = viewport.measurements;
    expect(angle?.kind).to.equal('angle');
    expect(angle?.points).to.deep.equal([
      { x: 24, y: 24 },
      { x: 32, y: 24 },
      { x: 32, y: 16 },
    ]);
    expect(angle?.value).to.be.closeTo(90, 1e-9);
    await press('o', 'Enter', 'Enter', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'Enter');
    const ellipse = viewport.measurements[1];
    expect(ellipse?.kind).to.equal('ellipse');
    expect(ellipse?.points).to.deep.equal([
      { x: 32, y: 16 },
      { x: 36, y: 18 },
    ]);
    expect(ellipse?.value).to.be.closeTo((Math.PI * 4 * 2) / 4, 1e-9);
  });

  it('Escape cancels the point being placed without resetting the view', async () => {
    const viewport = await mount();
    viewport.invert = true;
    await press('l', 'Enter', 'Enter', 'ArrowRight');
    expect(viewport.shadowRoot!.querySelector('.annotations .shape')).to.not.equal(null);
    await press('Escape');
    await viewport.updateComplete;
    expect(viewport.shadowRoot!.querySelector('.annotations .shape'), 'no draft drawn').to.equal(
      null,
    );
    expect(viewport.measurements).to.have.length(0);
    expect(viewport.invert).to.equal(true);
    await press('Escape');
    expect(viewport.invert, 'with nothing to cancel, Escape resets').to.equal(false);
  });
});

describe('<cb-viewport> toolbar', () => {
  afterEach(async () => {
    for (const viewport of mounted.splice(0)) viewport.remove();
    await resetMouse();
  });

  for (const [way, activate] of ways) {
    it(`${way} inverts, rotates, flips, cycles presets, plays cine, changes its rate and resets`, async () => {
      const viewport = await mount();
      const window = { ...viewport.effectiveWindow! };
      await activate(viewport, 'invert');
      expect(viewport.invert).to.equal(true);
      expect(button(viewport, 'invert').getAttribute('aria-pressed')).to.equal('true');
      // The press went to the button, not to the window/level tool under it.
      expect(viewport.effectiveWindow).to.deep.equal(window);
      await activate(viewport, 'rotate');
      await activate(viewport, 'rotate');
      expect(viewport.rotation).to.equal(180);
      await activate(viewport, 'flip-horizontal');
      expect(viewport.flipHorizontal).to.equal(true);
      await activate(viewport, 'flip-vertical');
      expect(viewport.flipVertical).to.equal(true);
      await activate(viewport, 'preset');
      expect(viewport.effectiveWindow).to.include({ windowCenter: 400, windowWidth: 2000 });
      await activate(viewport, 'preset');
      expect(viewport.effectiveWindow).to.include({ windowCenter: 40, windowWidth: 400 });
      await activate(viewport, 'faster');
      await activate(viewport, 'faster');
      await activate(viewport, 'slower');
      expect(viewport.cineFps).to.equal(16);
      await activate(viewport, 'cine');
      expect(viewport.isPlaying, 'cine plays (Space must toggle once, not twice)').to.equal(true);
      expect(button(viewport, 'cine').getAttribute('aria-pressed')).to.equal('true');
      await activate(viewport, 'cine');
      expect(viewport.isPlaying).to.equal(false);
      await activate(viewport, 'reset');
      expect(viewport.invert).to.equal(false);
      expect(viewport.rotation).to.equal(0);
      expect(viewport.flipHorizontal).to.equal(false);
      expect(viewport.flipVertical).to.equal(false);
    });
  }

  it('is reached with Tab from the viewport and shows a focus ring', async () => {
    const viewport = await mount();
    await press('Tab');
    const focused = viewport.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused?.classList.contains('invert')).to.equal(true);
    expect(getComputedStyle(focused!).outlineStyle).to.equal('solid');
  });

  it('is hidden with overlay="off" and labelled in French', async () => {
    const viewport = await mount('fr');
    expect(button(viewport, 'invert').getAttribute('aria-label')).to.equal('Inverser');
    expect(
      viewport.shadowRoot!.querySelector('[role=toolbar]')!.getAttribute('aria-label'),
    ).to.equal('Outils d’image');
    viewport.overlay = 'off';
    await viewport.updateComplete;
    expect(viewport.shadowRoot!.querySelector('.toolbar')).to.equal(null);
  });

  it('passes an axe check', async () => {
    const viewport = await mount();
    await expect(viewport).to.be.accessible();
  });
});
