import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MeasurementEvent } from '../../src/events/measurement.js';
import { mounted, mount, client, drag, shapes } from './tool-test-kit.js';
import { nextRendered } from './viewport-harness.js';

describe('<cb-viewport> measurement tools', () => {
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
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
});
