/**
 * Where a presentation state puts the image and its annotations, by the standard's rules: the
 * displayed area (PS3.3 C.10.4), PIXEL and DISPLAY annotation units (C.10.5.1), layer order
 * (C.10.7), the spatial transformation (C.10.6), text shown as text.
 */
import { expect } from '@open-wc/testing';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import type { DicomDataset } from '../../src/dicom/dataset.js';
import { datasetFromDicomJson } from '../../src/dicom/json-dataset.js';
import { parseDicom } from '../../src/dicom/parse-dicom.js';
import { readPresentationState } from '../../src/dicom/presentation-state.js';
import { apply } from '../../src/render/view-transform.js';
import { requireRig } from '../dicomweb/dicomweb-fixtures.js';
import { mountViewport } from '../viewport/viewport-harness.js';
import { toolImage } from './gsps-fixtures.js';
import {
  anchoredText,
  annotation,
  graphic,
  gspsJson,
  layer,
  type GspsOptions,
} from './gsps-json.js';

const mounted: CbViewport[] = [];
afterEach(() => {
  for (const viewport of mounted.splice(0)) viewport.remove();
});

let image: DicomDataset;

async function show(width: number, height: number, options: GspsOptions): Promise<CbViewport> {
  const state = readPresentationState(datasetFromDicomJson(gspsJson(image, options)));
  const viewport = await mountViewport([image], width, height, 'auto', (v) => {
    v.presentationState = state;
    v.overlay = 'on';
  });
  mounted.push(viewport);
  await viewport.updateComplete;
  return viewport;
}

function svgOf(viewport: CbViewport): SVGSVGElement {
  const svg = viewport.shadowRoot?.querySelector<SVGSVGElement>('svg.gsps');
  if (!svg) throw new Error('no GSPS annotations drawn');
  return svg;
}

const number = (element: Element | null | undefined, name: string): number =>
  Number(element?.getAttribute(name));

describe('GSPS geometry and annotations in <cb-viewport>', function () {
  before(async function () {
    await requireRig(this);
    image = parseDicom(await toolImage());
  });

  it('TRUE SIZE shows one mm of Presentation Pixel Spacing as one CSS mm (96 px to 25.4 mm)', async () => {
    const viewport = await show(300, 200, {
      area: { topLeft: [1, 1], bottomRight: [64, 40], mode: 'TRUE SIZE', spacing: 0.5 },
    });
    const m = viewport.imageToCss();
    expect(m?.a).to.be.closeTo((0.5 * 96) / 25.4, 1e-9);
    // The area's centre (32, 20) at the viewport's centre.
    const centre = apply(m!, 32, 20);
    expect([centre.x, centre.y]).to.deep.equal([150, 100]);
  });

  it('MAGNIFY puts Presentation Pixel Magnification Ratio device pixels on an image pixel', async () => {
    const viewport = await show(300, 200, {
      area: { topLeft: [1, 1], bottomRight: [64, 40], mode: 'MAGNIFY', magnification: 3 },
    });
    expect(viewport.imageToCss()?.a).to.be.closeTo(3 / devicePixelRatio, 1e-9);
  });

  it('SCALE TO FIT fits the displayed area, not the image, and centres it', async () => {
    // Pixels 11…30 × 1…20 (1-based, inclusive): image coordinates [10, 30] × [0, 20].
    const viewport = await show(100, 100, {
      area: { topLeft: [11, 1], bottomRight: [30, 20], mode: 'SCALE TO FIT' },
    });
    const m = viewport.imageToCss()!;
    expect(apply(m, 10, 0)).to.deep.equal({ x: 0, y: 0 });
    expect(apply(m, 30, 20)).to.deep.equal({ x: 100, y: 100 });
  });

  it('draws a PIXEL point where the rotation (90°, then the flip) takes its pixel', async () => {
    const options = (flip: boolean): GspsOptions => ({
      rotation: 90,
      flip,
      layers: [layer('MARKS', 1, 0xffff)],
      annotations: [annotation('MARKS', [graphic('POINT', 'PIXEL', [10.5, 5.5])])],
    });
    // C.10.6: 90° clockwise takes (x, y) of a 64×40 image to (40 − y, x); a horizontal flip of the
    // 40-wide result then to (y, x).
    const rotated = svgOf(await show(40, 64, options(false))).querySelector('.gsps-point');
    expect([number(rotated, 'cx'), number(rotated, 'cy')]).to.deep.equal([34.5, 10.5]);
    const flipped = svgOf(await show(40, 64, options(true))).querySelector('.gsps-point');
    expect([number(flipped, 'cx'), number(flipped, 'cy')]).to.deep.equal([5.5, 10.5]);
  });

  it('maps DISPLAY units onto the displayed area as shown, and keeps layers in Graphic Layer Order', async () => {
    const viewport = await show(128, 80, {
      layers: [layer('TOP', 5, 0xffff), layer('BOTTOM', 2, 0)],
      annotations: [
        annotation('TOP', [graphic('POLYLINE', 'DISPLAY', [0, 0, 1, 1])]),
        annotation('BOTTOM', [graphic('ELLIPSE', 'PIXEL', [10, 20, 30, 20, 20, 15, 20, 25])]),
      ],
    });
    const svg = svgOf(viewport);
    expect(
      [...svg.querySelectorAll('.gsps-layer')].map((g) => g.getAttribute('data-layer')),
    ).to.deep.equal(['BOTTOM', 'TOP']);
    // The whole 64×40 image fits 128×80 at scale 2: DISPLAY (0,0)–(1,1) is the viewport's diagonal.
    expect(svg.querySelector('.gsps-polyline')?.getAttribute('points')).to.equal('0,0 128,80');
    const ellipse = svg.querySelector('.gsps-ellipse');
    expect([
      number(ellipse, 'cx'),
      number(ellipse, 'cy'),
      number(ellipse, 'rx'),
      number(ellipse, 'ry'),
    ]).to.deep.equal([40, 40, 20, 10]);
    // Recommended Display Grayscale Value 0xFFFF is white, 0 black (C.10.7.1.1).
    const colours = [...svg.querySelectorAll<SVGGElement>('.gsps-layer')].map((g) => g.style.color);
    expect(colours).to.deep.equal(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  });

  it('shows Unformatted Text Value as text, never as markup', async () => {
    const viewport = await show(128, 80, {
      layers: [layer('TEXT', 1)],
      annotations: [
        annotation('TEXT', [], [anchoredText('<img src=x onerror=alert(1)>Masse', 8, 4)]),
      ],
    });
    const text = svgOf(viewport).querySelector('.gsps-text');
    expect(text?.textContent).to.equal('<img src=x onerror=alert(1)>Masse');
    expect(svgOf(viewport).querySelector('img')).to.equal(null);
    expect([number(text, 'x'), number(text, 'y')]).to.deep.equal([16, 8]);
  });

  it("applies the state only to the images it references, and unsetting it restores the header's window", async () => {
    const viewport = await show(64, 40, { window: [1000, 500] });
    expect(viewport.effectiveWindow?.windowCenter).to.equal(1000);
    viewport.presentationState = undefined;
    await viewport.updateComplete;
    expect(viewport.effectiveWindow).to.deep.equal({
      windowCenter: 2000,
      windowWidth: 4000,
      function: 'LINEAR',
    });
    // A state that references another image leaves this one as its header says.
    const other = gspsJson(image, { window: [1000, 500] });
    const series = other['00081115']?.Value?.[0] as Record<string, { Value?: unknown[] }>;
    const reference = series['00081140']?.Value?.[0] as Record<string, { Value?: unknown[] }>;
    reference['00081155'] = { vr: 'UI', Value: ['2.25.999'] } as never;
    viewport.presentationState = readPresentationState(datasetFromDicomJson(other));
    await viewport.updateComplete;
    expect(viewport.effectiveWindow?.windowCenter).to.equal(2000);
  });
});
