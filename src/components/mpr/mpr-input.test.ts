import { expect } from '@open-wc/testing';
import { waitFor } from '../../../test/waits.js';
import type { MprPlaneName } from '../../events/mpr-rendered.js';
import { singleFrame } from '../../volume/test-series.js';
import { createDecodeFrameLoader } from '../../workers/frame-loader.js';
import type { CbMpr } from './mpr.js';
import './cb-mpr.js';

// An axial series of 8 slices, 16 × 16 pixels of 1 mm, 2 mm apart, made afresh for each test:
// the decode pool transfers a frame's bytes when they span their whole buffer (DecodeRequest),
// which an InlineBinary frame does, so such a data set decodes once only.
const series = () =>
  Array.from({ length: 8 }, (_, k) =>
    singleFrame({
      position: [0, 0, 2 * k],
      rows: 16,
      columns: 16,
      pixelSpacing: [1, 1],
      pixels: new Uint16Array(256).map((_, p) => 1000 + 10 * k + (p % 16)),
    }),
  );

let element: CbMpr | undefined;
afterEach(() => {
  element?.remove();
  element = undefined;
});

async function mount(): Promise<CbMpr> {
  const mpr = document.createElement('cb-mpr');
  mpr.style.cssText = 'display:flex;width:900px;height:360px';
  mpr.frameLoader = createDecodeFrameLoader();
  mpr.stack = series();
  document.body.append(mpr);
  element = mpr;
  await waitFor(() => mpr.totalSlices === 8 && mpr.loadedSlices === 8, 'every slice');
  await mpr.whenDrawn();
  return mpr;
}

function pane(mpr: CbMpr, name: MprPlaneName): HTMLElement {
  return mpr.shadowRoot!.querySelector<HTMLElement>(`.pane[data-plane=${name}]`)!;
}

/** A primary-button drag in a pane, in client pixels. */
function drag(
  target: HTMLElement,
  from: { x: number; y: number },
  to: { x: number; y: number },
): void {
  const send = (type: string, at: { x: number; y: number }): void => {
    target.dispatchEvent(
      new PointerEvent(type, {
        bubbles: true,
        composed: true,
        clientX: at.x,
        clientY: at.y,
        button: 0,
        buttons: type === 'pointerup' ? 0 : 1,
        pointerId: 7,
        pointerType: 'touch',
        isPrimary: true,
      }),
    );
  };
  send('pointerdown', from);
  send('pointermove', to);
  send('pointerup', to);
}

describe('<cb-mpr> pointer and keyboard', () => {
  it('rotates the other planes by the angle a drag sweeps around the crosshair', async () => {
    const mpr = await mount();
    mpr.tool = 'rotate';
    await mpr.updateComplete;
    const axial = pane(mpr, 'axial');
    const box = axial.getBoundingClientRect();
    const centre = mpr.mappingOf('axial')!.toCss(mpr.crosshair);
    const at = (dx: number, dy: number) => ({
      x: box.left + centre.x + dx,
      y: box.top + centre.y + dy,
    });
    // A quarter turn, from the right of the crosshair to below it (clockwise on screen).
    drag(axial, at(60, 0), at(0, 60));
    await mpr.whenDrawn();
    const coronal = mpr.planeImage('coronal')!.plane;
    expect(coronal.rowDirection[0]).to.be.closeTo(0, 1e-9);
    expect(coronal.rowDirection[1]).to.be.closeTo(1, 1e-9);
    expect(mpr.planeAxes.axial.rowDirection).to.deep.equal([1, 0, 0]);
    // The coronal reference line in the axial pane follows: it now runs down the screen.
    const line = axial.querySelector('line.reference.coronal')!;
    expect(Number(line.getAttribute('x1'))).to.be.closeTo(Number(line.getAttribute('x2')), 1e-6);
  });

  it('scrolls a plane by one voxel step per wheel notch and key', async () => {
    const mpr = await mount();
    const z = mpr.crosshair[2];
    pane(mpr, 'axial').dispatchEvent(
      new WheelEvent('wheel', { deltaY: -100, bubbles: true, composed: true, cancelable: true }),
    );
    expect(mpr.crosshair[2]).to.be.closeTo(z + 1, 1e-9);
    pane(mpr, 'axial').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, composed: true }),
    );
    expect(mpr.crosshair[2]).to.be.closeTo(z, 1e-9);
  });

  it('zooms, pans and windows as the stack viewer does, and resets', async () => {
    const mpr = await mount();
    const coronal = pane(mpr, 'coronal');
    const scale = mpr.mappingOf('coronal')!.scale;
    coronal.dispatchEvent(
      new KeyboardEvent('keydown', { key: '+', bubbles: true, composed: true }),
    );
    await mpr.updateComplete;
    expect(mpr.mappingOf('coronal')!.scale).to.be.closeTo(scale * 1.25, 1e-9);
    mpr.tool = 'pan';
    const box = coronal.getBoundingClientRect();
    drag(coronal, { x: box.left + 100, y: box.top + 100 }, { x: box.left + 130, y: box.top + 90 });
    expect(mpr.viewOf('coronal').pan).to.deep.equal({ x: 30, y: -10 });
    mpr.tool = 'windowLevel';
    const before = mpr.effectiveWindow!;
    drag(coronal, { x: box.left + 100, y: box.top + 100 }, { x: box.left + 140, y: box.top + 120 });
    expect(mpr.voi!.width).to.be.greaterThan(before.width);
    expect(mpr.voi!.center).to.be.greaterThan(before.center);
    mpr.reset();
    await mpr.whenDrawn();
    expect(mpr.voi).to.equal(undefined);
    expect(mpr.viewOf('coronal').zoom).to.equal(1);
  });
});
