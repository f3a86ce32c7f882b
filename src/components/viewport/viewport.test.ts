import { expect } from '@open-wc/testing';
import type { FrameLoader } from '../../context/frame-loader.js';
import type { DecodedFrame } from '../../dicom/decoded-frame.js';
import type { Webgl2Renderer } from '../../render/webgl2-renderer.js';
import { decodeFrame } from '../../workers/decode-frame.js';
import { buildDataset, bytesOf, grayscaleModule } from '../../../test/viewport/dataset-builder.js';
import {
  grey,
  maxDifference,
  mountViewport,
  nextRendered,
  randomIntegers,
  readCanvas,
} from '../../../test/viewport/viewport-harness.js';
import { animationFrames, eventOn, waitFor } from '../../../test/waits.js';
import type { ImageRenderedEvent } from '../../events/image-rendered.js';
import type { CbViewport } from './viewport.js';
import './cb-viewport.js';

const COLUMNS = 64;
const ROWS = 48;
const linear = (x: number, c: number, w: number): number =>
  x <= c - 0.5 - (w - 1) / 2
    ? 0
    : x > c - 0.5 + (w - 1) / 2
      ? 255
      : ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;

function ctDataset(extra: Record<number, string | number> = {}, frames = 1) {
  const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 2000));
  const dataset = buildDataset(
    {
      ...grayscaleModule(ROWS, COLUMNS, 12, false),
      0x0020000d: '1.2.3',
      0x0020000e: '1.2.3.4',
      0x00080018: '1.2.3.4.5',
      0x00281052: -1000,
      0x00281053: 1,
      0x00281050: 40,
      0x00281051: 400,
      ...extra,
    },
    Array.from({ length: frames }, () => bytesOf(stored)),
  );
  return { dataset, stored };
}

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

  for (const path of ['webgl2', 'canvas2d'] as const) {
    it(`changes the window on the ${path} path without re-sending pixels`, async () => {
      const { dataset, stored } = ctDataset();
      const viewport = await mount([dataset], COLUMNS, ROWS, path);
      const uploads = viewport.pixelUploads;
      expect(uploads).to.equal(1);
      for (const center of [0, 100, 300]) {
        viewport.voi = { windowCenter: center, windowWidth: 300 };
        await viewport.updateComplete;
        await new Promise(requestAnimationFrame);
      }
      expect(viewport.pixelUploads).to.equal(uploads);
      const result = maxDifference(viewport, (x, y) =>
        grey(Math.round(linear(stored[y * COLUMNS + x]! - 1000, 300, 300))),
      );
      expect(result.max, result.at).to.be.at.most(1);
    });
  }

  it('tiles images larger than the texture size limit with the same grey values', async () => {
    const { dataset, stored } = ctDataset();
    const viewport = await mount([dataset], COLUMNS, ROWS, 'webgl2', (v) => {
      v.maxTextureSize = 20;
    });
    expect((viewport.surface.renderer as Webgl2Renderer).tileCount).to.equal(4 * 3);
    const result = maxDifference(viewport, (x, y) =>
      grey(Math.round(linear(stored[y * COLUMNS + x]! - 1000, 40, 400))),
    );
    expect(result.max, result.at).to.be.at.most(1);
  });

  it('shows no seam between tiles when zoomed with linear interpolation', async () => {
    // A ramp (3 per column, 2 per row) under a 100-wide window: a tile that repeated its own
    // edge instead of mixing in its neighbour would be off by up to 1.5 units (≈ 4 grey levels)
    // along each seam; a gentle slope keeps the GPU's sampling rounding well below that.
    const stored = Uint16Array.from(
      { length: COLUMNS * ROWS },
      (_, i) => (i % COLUMNS) * 3 + Math.floor(i / COLUMNS) * 2,
    );
    const dataset = buildDataset(
      { ...grayscaleModule(ROWS, COLUMNS, 12, false), 0x00281050: 140, 0x00281051: 100 },
      [bytesOf(stored)],
    );
    const shown: Uint8Array[] = [];
    for (const cap of [undefined, 20]) {
      const viewport = await mount([dataset], 200, 150, 'webgl2', (v) => {
        v.scale = 3.3;
        if (cap) v.maxTextureSize = cap;
      });
      expect((viewport.surface.renderer as Webgl2Renderer).tileCount).to.equal(cap ? 12 : 1);
      shown.push(readCanvas(viewport).rgba);
    }
    const [whole, tiled] = shown as [Uint8Array, Uint8Array];
    let max = 0;
    for (let i = 0; i < whole.length; i++) {
      max = Math.max(max, Math.abs(whole[i]! - tiled[i]!));
    }
    expect(max).to.be.at.most(1);
  });

  it('falls back to Canvas2D with the same grey values when the WebGL context is lost', async () => {
    const { dataset, stored } = ctDataset();
    const viewport = await mount([dataset], COLUMNS, ROWS, 'auto');
    expect(viewport.renderPath).to.equal('webgl2');
    const gl = viewport.canvas!.getContext('webgl2')!;
    const rendered = nextRendered(viewport);
    gl.getExtension('WEBGL_lose_context')!.loseContext();
    await rendered;
    expect(viewport.renderPath).to.equal('canvas2d');
    expect(viewport.canvas!.getContext('2d')).to.not.equal(null);
    const result = maxDifference(viewport, (x, y) =>
      grey(Math.round(linear(stored[y * COLUMNS + x]! - 1000, 40, 400))),
    );
    expect(result.max, result.at).to.be.at.most(1);
  });

  it('returns to WebGL2 with the same grey values when the lost context is restored', async () => {
    const { dataset, stored } = ctDataset();
    const viewport = await mount([dataset], COLUMNS, ROWS, 'auto');
    const lose = viewport.canvas!.getContext('webgl2')!.getExtension('WEBGL_lose_context')!;
    let rendered = nextRendered(viewport);
    lose.loseContext();
    await rendered;
    expect(viewport.renderPath).to.equal('canvas2d');
    rendered = nextRendered(viewport);
    lose.restoreContext();
    await rendered;
    expect(viewport.renderPath).to.equal('webgl2');
    expect(viewport.canvas!.getContext('webgl2')!.isContextLost()).to.equal(false);
    expect(viewport.shadowRoot!.querySelectorAll('.stage canvas')).to.have.length(1);
    const result = maxDifference(viewport, (x, y) =>
      grey(Math.round(linear(stored[y * COLUMNS + x]! - 1000, 40, 400))),
    );
    expect(result.max, result.at).to.be.at.most(1);
  });

  it('uses Canvas2D when the browser offers no WebGL2', async () => {
    const { dataset, stored } = ctDataset();
    const prototype = HTMLCanvasElement.prototype;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, 'getContext')!;
    const original = descriptor.value as (
      this: HTMLCanvasElement,
      id: string,
      options?: unknown,
    ) => unknown;
    // A fault we cannot cause for real in this Chromium: WebGL2 unavailable.
    Object.defineProperty(prototype, 'getContext', {
      ...descriptor,
      value(this: HTMLCanvasElement, id: string, options?: unknown): unknown {
        return id === 'webgl2' ? null : original.call(this, id, options);
      },
    });
    try {
      const viewport = await mount([dataset], COLUMNS, ROWS, 'auto');
      expect(viewport.renderPath).to.equal('canvas2d');
      const result = maxDifference(viewport, (x, y) =>
        grey(Math.round(linear(stored[y * COLUMNS + x]! - 1000, 40, 400))),
      );
      expect(result.max, result.at).to.be.at.most(1);
    } finally {
      Object.defineProperty(prototype, 'getContext', descriptor);
    }
  });

  for (const path of ['webgl2', 'canvas2d'] as const) {
    it(`interpolates modality values linearly when zoomed on the ${path} path, or shows squares with nearest`, async () => {
      const dataset = buildDataset(
        { ...grayscaleModule(2, 2, 8, false), 0x00281050: 50.5, 0x00281051: 101 },
        [Uint8Array.from([0, 100, 0, 100])],
      );
      const viewport = await mount([dataset], 8, 8, path, (v) => {
        v.scale = 4;
      });
      expect(viewport.renderPath).to.equal(path);
      const row = (): number[] => {
        const { rgba } = readCanvas(viewport);
        return [3, 4].map((x) => rgba[(4 * 8 + x) * 4]!);
      };
      // Device pixel 3 samples image x = 0.875: 37.5 % of the way from 0 to 100 → 0.375 × 255.
      const [left, right] = row();
      expect(left).to.be.closeTo(0.375 * 255, 1);
      expect(right).to.be.closeTo(0.625 * 255, 1);
      viewport.interpolation = 'nearest';
      await viewport.updateComplete;
      await new Promise(requestAnimationFrame);
      expect(row()).to.deep.equal([0, 255]);
    });
  }

  /** Canvases of an 8×6 image shown rotated, flipped, zoomed 5.3× with a fractional pan. */
  async function zoomedOnBothPaths(stored: Uint16Array, center: number, width: number) {
    const dataset = buildDataset(
      { ...grayscaleModule(6, 8, 12, false), 0x00281050: center, 0x00281051: width },
      [bytesOf(stored)],
    );
    const shown: Uint8Array[] = [];
    for (const path of ['webgl2', 'canvas2d'] as const) {
      const viewport = await mount([dataset], 50, 45, path, (v) => {
        v.scale = 5.3;
        v.rotation = 90;
        v.flipHorizontal = true;
        v.pan = { x: 0.4, y: -1.3 };
      });
      expect(viewport.renderPath).to.equal(path);
      shown.push(readCanvas(viewport).rgba);
    }
    const [gpu, cpu] = shown as [Uint8Array, Uint8Array];
    const differences: number[] = [];
    const midGrey = [0, 0];
    for (let i = 0; i < gpu.length; i += 4) {
      differences.push(Math.abs(gpu[i]! - cpu[i]!));
      if (gpu[i]! > 40 && gpu[i]! < 215) midGrey[0]!++;
      if (cpu[i]! > 40 && cpu[i]! < 215) midGrey[1]!++;
    }
    return { differences, midGrey: midGrey as [number, number], pixels: gpu.length / 4 };
  }

  it('shows the same grey values on both paths when zoomed with linear interpolation', async () => {
    const stored = Uint16Array.from(randomIntegers(8 * 6, 0, 1000, 5));
    const { differences } = await zoomedOnBothPaths(stored, 500, 1001);
    expect(Math.max(...differences)).to.be.at.most(1);
  });

  it('mixes modality values before a narrow window when zoomed, on both paths alike', async () => {
    // Values 0 or 1000 under a 100-wide window: mixing before VOI gives a sharp edge (0 or 255
    // but for a thin band); smoothing the 8-bit output would give a ramp one image pixel wide.
    const stored = Uint16Array.from(randomIntegers(8 * 6, 0, 1, 3).map((bit) => bit * 1000));
    const { differences, midGrey, pixels } = await zoomedOnBothPaths(stored, 500, 100);
    expect(midGrey[0]).to.be.lessThan(pixels / 8);
    expect(midGrey[1]).to.be.within(midGrey[0] * 0.8, midGrey[0] * 1.25);
    // Inside that band a tenfold slope magnifies the GPU's float32 sample positions.
    expect(differences.filter((d) => d > 1).length).to.be.lessThan(pixels / 20);
    expect(Math.max(...differences)).to.be.at.most(10);
  });

  it('follows element resizes at device-pixel resolution', async () => {
    const { dataset } = ctDataset();
    const viewport = await mount([dataset], COLUMNS, ROWS, 'auto');
    viewport.style.width = '200px';
    viewport.style.height = '150px';
    // ResizeObserver, then an update, then a frame.
    await waitFor(
      () => viewport.canvas!.width === Math.round(200 * devicePixelRatio),
      'the canvas resized',
    );
    expect(viewport.canvas!.width).to.equal(Math.round(200 * window.devicePixelRatio));
    expect(viewport.canvas!.height).to.equal(Math.round(150 * window.devicePixelRatio));
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
