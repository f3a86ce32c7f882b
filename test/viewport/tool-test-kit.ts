/** A 3-slice 64×48 stack in a 256×192 viewport and synthetic pointer input, for the tool tests. */
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { buildDataset, bytesOf, grayscaleModule, type PlainValue } from './dataset-builder.js';
import { mountViewport } from './viewport-harness.js';

export const COLUMNS = 64;
export const ROWS = 48;

export function stack(extra: Record<number, PlainValue> = {}, count = 3) {
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

export const mounted: CbViewport[] = [];
export async function mount(
  extra: Record<number, PlainValue> = {},
  count = 3,
): Promise<CbViewport> {
  const viewport = await mountViewport(stack(extra, count), 256, 192, 'auto', (v) => {
    v.scale = 'fit';
    v.overlay = 'on';
  });
  mounted.push(viewport);
  return viewport;
}

/** Client coordinates of an image point. */
export function client(
  viewport: CbViewport,
  x: number,
  y: number,
): { clientX: number; clientY: number } {
  const m = viewport.imageToCss()!;
  const box = viewport.getBoundingClientRect();
  return {
    clientX: box.left + m.a * x + m.c * y + m.e,
    clientY: box.top + m.b * x + m.d * y + m.f,
  };
}

export function pointer(
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

export function drag(
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

export const shapes = (viewport: CbViewport): number =>
  viewport.shadowRoot!.querySelectorAll('.annotations .shape').length;
