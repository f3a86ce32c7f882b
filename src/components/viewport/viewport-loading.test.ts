import { expect } from '@open-wc/testing';
import type { FrameLoader } from '../../context/frame-loader.js';
import type { DecodedFrame } from '../../dicom/decoded-frame.js';
import { decodeFrame } from '../../workers/decode-frame.js';
import { COLUMNS, ROWS, ctDataset } from '../../../test/viewport/ct-stack.js';
import { mountViewport, nextRendered } from '../../../test/viewport/viewport-harness.js';
import { animationFrames, eventOn } from '../../../test/waits.js';
import type { ImageRenderedEvent } from '../../events/image-rendered.js';
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

describe('<cb-viewport> loading', () => {
  it('renders a preview frame first, then the full frame', async () => {
    const { dataset, stored } = ctDataset();
    const full: DecodedFrame = {
      rows: ROWS,
      columns: COLUMNS,
      samplesPerPixel: 1,
      bitsStored: 12,
      signed: false,
      photometricInterpretation: 'MONOCHROME2',
      pixels: stored,
    };
    const qualities: string[] = [];
    const viewport = document.createElement('cb-viewport');
    mounted.push(viewport);
    const preview = eventOn<ImageRenderedEvent>(
      viewport,
      'cb-image-rendered',
      (e) => e.detail.quality === 'preview',
    );
    // The full frame is returned once the preview is on screen, as a slow decode would.
    const loader: FrameLoader = {
      async load(_dataset, _frame, options) {
        options.onPreview?.({ ...full, pixels: new Uint16Array(stored.length) });
        await preview;
        return full;
      },
    };
    viewport.frameLoader = loader;
    viewport.addEventListener('cb-image-rendered', (e) => qualities.push(e.detail.quality));
    const drawn = eventOn<ImageRenderedEvent>(
      viewport,
      'cb-image-rendered',
      (e) => e.detail.quality === 'full',
    );
    document.body.append(viewport);
    viewport.stack = [dataset];
    await drawn;
    // Two frames more: a redraw announced again (a second 'full') would be in the list.
    await animationFrames(2);
    expect(qualities).to.deep.equal(['preview', 'full']);
  });

  it('loads the visible image first, prefetches neighbours by distance and aborts far ones', async () => {
    const stack = Array.from({ length: 40 }, (_, i) => ctDataset({ 0x00080018: `5.${i}` }).dataset);
    const calls: { sop: string; priority: number; signal: AbortSignal }[] = [];
    const loader: FrameLoader = {
      load(dataset, _frame, options) {
        calls.push({
          sop: dataset.string(0x00080018)!,
          priority: options.priority,
          signal: options.signal,
        });
        return new Promise(() => undefined);
      },
    };
    const viewport = document.createElement('cb-viewport');
    mounted.push(viewport);
    viewport.frameLoader = loader;
    document.body.append(viewport);
    viewport.stack = stack;
    viewport.index = 20;
    await viewport.updateComplete;
    expect(calls[0]).to.include({ sop: '5.20', priority: 0 });
    const priorities = new Map(calls.map((c) => [c.sop, c.priority]));
    expect(priorities.get('5.21')).to.equal(1);
    expect(priorities.get('5.18')).to.equal(2);
    viewport.index = 0;
    await viewport.updateComplete;
    expect(calls.find((c) => c.sop === '5.20')!.signal.aborted).to.equal(true);
    expect(calls.find((c) => c.sop === '5.0' && c.priority === 0)).to.not.equal(undefined);
  });

  for (const shared of [false, true]) {
    it(`keeps decoded frames out of its prefetch window ${shared ? 'only in the viewer’s shared memory' : 'in its own memory'}`, async () => {
      const stack = Array.from(
        { length: 40 },
        (_, i) => ctDataset({ 0x00080018: `6.${i}` }).dataset,
      );
      const loads = new Map<string, number>();
      const loader: FrameLoader = {
        holdsDecodedFrames: shared,
        load(dataset, frame, options) {
          const sop = dataset.string(0x00080018)!;
          loads.set(sop, (loads.get(sop) ?? 0) + 1);
          return decodeFrame(dataset, frame, { signal: options.signal });
        },
      };
      const viewport = await mount(stack, COLUMNS, ROWS, 'webgl2', (v) => {
        v.frameLoader = loader;
      });
      viewport.index = 30;
      await nextRendered(viewport);
      const back = nextRendered(viewport);
      viewport.index = 0;
      await back;
      // Far from slice 30, slice 0 left the viewport's window: asked for again only when a
      // shared, viewer-wide memory holds decoded frames (it answers without a decode).
      expect(loads.get('6.0')).to.equal(shared ? 2 : 1);
    });
  }

  it('sends its first frame request before it blocks the main thread making a WebGL context', async () => {
    const order: string[] = [];
    const original = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext')!;
    const getContext = original.value as (this: HTMLCanvasElement, ...args: unknown[]) => unknown;
    Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
      ...original,
      value: function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
        order.push(`context ${kind}`);
        return getContext.call(this, kind, ...rest);
      },
    });
    try {
      const { dataset } = ctDataset();
      const viewport = document.createElement('cb-viewport');
      mounted.push(viewport);
      viewport.frameLoader = {
        load(d, frame, options) {
          order.push('frame request');
          return decodeFrame(d, frame, { signal: options.signal });
        },
      };
      viewport.stack = [dataset];
      const rendered = nextRendered(viewport);
      document.body.append(viewport);
      await viewport.updateComplete;
      // The request is out (the store read or fetch under way) while the context is made.
      expect(order).to.deep.equal(['frame request']);
      await rendered;
      expect(order.slice(0, 2)).to.deep.equal(['frame request', 'context webgl2']);
      expect(viewport.renderPath).to.equal('webgl2');
    } finally {
      Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', original);
    }
  });

  it('frees its WebGL context and textures when removed, 50 times over', async () => {
    const { dataset } = ctDataset();
    const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
    const contexts: WebGL2RenderingContext[] = [];
    const before = memory?.usedJSHeapSize ?? 0;
    for (let i = 0; i < 50; i++) {
      const viewport = await mountViewport([dataset], COLUMNS, ROWS, 'webgl2');
      expect(viewport.renderPath).to.equal('webgl2');
      contexts.push(viewport.canvas!.getContext('webgl2')!);
      viewport.remove();
    }
    // Chromium keeps at most 16 live contexts: all 50 were released, none evicted by force.
    expect(contexts.every((gl) => gl.isContextLost())).to.equal(true);
    contexts.length = 0;
    if (memory) expect(memory.usedJSHeapSize - before).to.be.below(32 * 1024 * 1024);
  });
});
