// A frame decoded from a codestream cut short (DecodedFrame.partial) is labelled on screen as not
// for diagnosis, overlay on or off, so a truncated transfer is never read as the whole image; a
// complete frame is not.
import { expect } from '@open-wc/testing';
import type { FrameLoader } from '../../src/workers/frame-loader.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { buildDataset, bytesOf, grayscaleModule } from './dataset-builder.js';
import { mountViewport } from './viewport-harness.js';

const ROWS = 16;
const COLUMNS = 16;

function viewportShowing(partial: boolean, overlay: 'on' | 'off' = 'on'): Promise<CbViewport> {
  const stored = Uint16Array.from({ length: ROWS * COLUMNS }, (_, i) => i);
  const dataset = buildDataset(
    { ...grayscaleModule(ROWS, COLUMNS, 12, false), 0x00080018: '1.2.3.4.5' },
    [bytesOf(stored)],
  );
  const frame: DecodedFrame = {
    rows: ROWS,
    columns: COLUMNS,
    samplesPerPixel: 1,
    bitsStored: 12,
    signed: false,
    photometricInterpretation: 'MONOCHROME2',
    pixels: stored,
    ...(partial ? { partial: true } : {}),
  };
  const loader: FrameLoader = { load: () => Promise.resolve(frame) };
  return mountViewport([dataset], 128, 128, 'auto', (viewport) => {
    viewport.frameLoader = loader;
    viewport.overlay = overlay;
  });
}

describe('<cb-viewport> with a partial frame', () => {
  const mounted: CbViewport[] = [];
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
  });

  const mark = (viewport: CbViewport): string =>
    viewport.shadowRoot?.querySelector('[part="partial"]')?.textContent.trim() ?? '';

  for (const overlay of ['on', 'off'] as const) {
    it(`labels a frame decoded from a cut codestream as not for diagnosis (overlay ${overlay})`, async () => {
      const viewport = await viewportShowing(true, overlay);
      mounted.push(viewport);
      await viewport.updateComplete;
      expect(mark(viewport)).to.equal('Incomplete image: not for diagnosis');
    });
  }

  it('does not label a complete frame', async () => {
    const viewport = await viewportShowing(false);
    mounted.push(viewport);
    await viewport.updateComplete;
    expect(viewport.shadowRoot?.querySelector('[part="partial"]')).to.equal(null);
    expect(viewport.shadowRoot?.textContent ?? '').to.not.contain('Incomplete');
  });
});
