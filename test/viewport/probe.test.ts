/**
 * The point probe, the tool added as one file (src/controllers/tools/probe.ts) and one entry of
 * the tool table: in a real <cb-viewport>, by pointer and by keyboard, its values checked
 * against the standard's formula (PS3.3 C.11.1.1.2: modality value = stored × Rescale Slope +
 * Rescale Intercept) and a Modality LUT Sequence (C.11.1), computed here from the stored values.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import type { MeasurementEvent } from '../../src/events/measurement.js';
import type { Measurement } from '../../src/render/measurement.js';
import {
  buildDataset,
  bytesOf,
  grayscaleModule,
  lutBytes,
  type PlainValue,
} from './dataset-builder.js';
import { mountViewport, randomIntegers } from './viewport-harness.js';

// 64×48 image in a 256×192 viewport: 'fit' gives exactly 4 CSS pixels per image pixel.
const COLUMNS = 64;
const ROWS = 48;

const mounted: CbViewport[] = [];
afterEach(() => {
  for (const viewport of mounted.splice(0)) viewport.remove();
});

async function mount(
  elements: Record<number, PlainValue>,
  pixels: Uint8Array,
  lang?: string,
): Promise<CbViewport> {
  const dataset = buildDataset({ 0x00080018: '5.6.7', ...elements }, [pixels]);
  const viewport = await mountViewport([dataset], 256, 192, 'auto', (v) => {
    v.scale = 'fit';
    v.overlay = 'on';
    v.tool = 'probe';
    if (lang) v.lang = lang;
  });
  mounted.push(viewport);
  await viewport.updateComplete;
  return viewport;
}

/** A click (press and release without moving) on image point (x, y). */
function clickAt(viewport: CbViewport, x: number, y: number): void {
  const m = viewport.imageToCss()!;
  const box = viewport.getBoundingClientRect();
  const at = {
    clientX: box.left + m.a * x + m.c * y + m.e,
    clientY: box.top + m.b * x + m.d * y + m.f,
  };
  const init = { bubbles: true, composed: true, pointerId: 1, pointerType: 'mouse', button: 0 };
  viewport.dispatchEvent(new PointerEvent('pointerdown', { ...init, ...at }));
  viewport.dispatchEvent(new PointerEvent('pointerup', { ...init, ...at }));
}

function created(viewport: CbViewport): Measurement[] {
  const list: Measurement[] = [];
  viewport.addEventListener('cb-measurement', (event: MeasurementEvent) => {
    if (event.change === 'created') list.push(event.detail);
  });
  return list;
}

// Points inside pixels, on a pixel's top-left corner and near its far edge.
const POINTS: [number, number][] = [
  [0.5, 0.5],
  [10.2, 7.9],
  [31, 24],
  [63.9, 47.9],
  [40.99, 3.01],
];

describe('<cb-viewport> point probe', () => {
  it('gives stored × Rescale Slope + Rescale Intercept in HU on a signed CT', async () => {
    const stored = Int16Array.from(randomIntegers(COLUMNS * ROWS, -2000, 3000, 11));
    const slope = 0.5;
    const intercept = -1024;
    const viewport = await mount(
      {
        ...grayscaleModule(ROWS, COLUMNS, 16, true),
        0x00080060: 'CT',
        0x00280030: '0.7\\0.7',
        0x00281053: slope,
        0x00281052: intercept,
        0x00281050: 40,
        0x00281051: 400,
      },
      bytesOf(stored),
    );
    const events = created(viewport);
    for (const [x, y] of POINTS) clickAt(viewport, x, y);
    expect(events).to.have.length(POINTS.length);
    POINTS.forEach(([x, y], i) => {
      const raw = stored[Math.floor(y) * COLUMNS + Math.floor(x)]!;
      const detail = events[i]!;
      expect(detail, `(${x}, ${y})`).to.include({
        kind: 'probe',
        storedValue: raw,
        value: raw * slope + intercept,
        unit: 'HU',
        calibration: 'pixel-spacing',
        sopInstanceUid: '5.6.7',
        frame: 0,
      });
      expect(detail.points).to.have.length(1);
      expect(detail.points[0]!.x).to.be.closeTo(x, 1e-9);
      expect(detail.points[0]!.y).to.be.closeTo(y, 1e-9);
    });
    expect(viewport.measurements).to.deep.equal(events);
  });

  it('names the Rescale Type as the unit, and no unit when the header gives none', async () => {
    const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 4095, 12));
    const at = (x: number, y: number): number => stored[y * COLUMNS + x]!;
    const film = await mount(
      {
        ...grayscaleModule(ROWS, COLUMNS, 12, false),
        0x00080060: 'DX',
        0x00281053: 0.001,
        0x00281052: 0,
        0x00281054: 'OD',
      },
      bytesOf(stored),
    );
    clickAt(film, 12.5, 30.5);
    expect(film.measurements[0]).to.include({ unit: 'OD', storedValue: at(12, 30) });
    expect(film.measurements[0]!.value).to.be.closeTo(at(12, 30) * 0.001, 1e-12);
    const mr = await mount(
      { ...grayscaleModule(ROWS, COLUMNS, 12, false), 0x00080060: 'MR' },
      bytesOf(stored),
    );
    clickAt(mr, 3.5, 2.5);
    // No rescale: the identity (C.11.1), and no unit to name.
    expect(mr.measurements[0]).to.include({ value: at(3, 2), unit: '', storedValue: at(3, 2) });
  });

  it('reads a Modality LUT Sequence, clamping stored values outside the table', async () => {
    const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 300, 13));
    stored[5 * COLUMNS + 6] = 3; // below the first mapped value: the first entry (C.11.1.1.1)
    stored[5 * COLUMNS + 7] = 290; // beyond the last: the last entry
    const table = Array.from({ length: 256 }, (_, i) => ((i * 7) % 1000) + 10);
    const lut = buildDataset({
      0x00283002: [256, 20, 16],
      0x00283006: lutBytes(table),
      0x00283004: 'US',
    });
    const viewport = await mount(
      { ...grayscaleModule(ROWS, COLUMNS, 12, false), 0x00283000: [lut] },
      bytesOf(stored),
    );
    const modality = (value: number): number => table[Math.min(Math.max(value - 20, 0), 255)]!;
    for (const [x, y] of [
      ...POINTS,
      [6.5, 5.5] as [number, number],
      [7.5, 5.5] as [number, number],
    ])
      clickAt(viewport, x, y);
    const values = viewport.measurements.map((m) => m.value);
    const expected = [...POINTS, [6.5, 5.5], [7.5, 5.5]].map(([x, y]) =>
      modality(stored[Math.floor(y!) * COLUMNS + Math.floor(x!)]!),
    );
    expect(values).to.deep.equal(expected);
    expect(values.slice(-2)).to.deep.equal([table[0], table[255]]);
  });

  it('is chosen with U and placed from the keyboard: Enter, arrows, Enter', async () => {
    const stored = Uint16Array.from({ length: COLUMNS * ROWS }, (_, i) => (i % COLUMNS) * 10);
    const viewport = await mount(
      {
        ...grayscaleModule(ROWS, COLUMNS, 12, false),
        0x00080060: 'CT',
        0x00281053: 1,
        0x00281052: -1000,
      },
      bytesOf(stored),
    );
    viewport.tool = 'windowLevel';
    viewport.focus();
    await sendKeys({ press: 'u' });
    expect(viewport.tool).to.equal('probe');
    await sendKeys({ press: 'Enter' });
    await viewport.updateComplete;
    expect(viewport.shadowRoot!.querySelector('.annotations circle.shape')).to.not.equal(null);
    // 3 presses × 8 CSS px ÷ 4 CSS px per image pixel: from the centre (32, 24) to (38, 24).
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    const [probe] = viewport.measurements;
    expect(probe?.points).to.deep.equal([{ x: 38, y: 24 }]);
    expect(probe).to.include({ storedValue: 380, value: 380 - 1000, unit: 'HU' });
  });

  it('draws its value beside the point, named in the viewport’s language', async () => {
    const stored = Uint16Array.from({ length: COLUMNS * ROWS }, (_, i) => (i % COLUMNS) * 10);
    const elements = {
      ...grayscaleModule(ROWS, COLUMNS, 12, false),
      0x00080060: 'CT',
      0x00281053: 0.25,
      0x00281052: -1000,
    };
    for (const [lang, caption, title] of [
      ['en', '-997.50 HU', 'Pixel value'],
      ['fr', '-997,50 HU', 'Valeur du pixel'],
    ] as const) {
      const viewport = await mount(elements, bytesOf(stored), lang);
      clickAt(viewport, 1.5, 1.5);
      await viewport.updateComplete;
      const text = viewport.shadowRoot!.querySelector('.annotations text')?.textContent ?? '';
      // Intl may write the minus sign as U+2212.
      expect(text.replace('\u2212', '-')).to.equal(caption);
      const tooltip = viewport.shadowRoot!.querySelector('.annotations title')?.textContent ?? '';
      expect(tooltip.startsWith(title), tooltip).to.equal(true);
    }
  });

  it('measures nothing on a colour image or outside the image', async () => {
    const rgb = Uint8Array.from({ length: COLUMNS * ROWS * 3 }, (_, i) => i % 251);
    const colour = await mount(
      {
        0x00280002: 3,
        0x00280004: 'RGB',
        0x00280006: 0,
        0x00280010: ROWS,
        0x00280011: COLUMNS,
        0x00280100: 8,
        0x00280101: 8,
        0x00280102: 7,
        0x00280103: 0,
      },
      rgb,
    );
    const events = created(colour);
    clickAt(colour, 10.5, 10.5);
    expect(events).to.deep.equal([]);
    const stored = Uint16Array.from({ length: COLUMNS * ROWS }, () => 100);
    const grey = await mount({ ...grayscaleModule(ROWS, COLUMNS, 12, false) }, bytesOf(stored));
    // The viewport is wider than the image: its left margin is outside every pixel.
    grey.scale = 1;
    await grey.updateComplete;
    clickAt(grey, -3, 10);
    clickAt(grey, 10, 48.5);
    expect(grey.measurements).to.deep.equal([]);
  });
});
