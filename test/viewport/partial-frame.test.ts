// A frame decoded from a codestream cut short (DecodedFrame.partial) is labelled on screen as not
// for diagnosis, so a truncated transfer is never read as the whole image; a complete frame is not.
import { expect } from '@open-wc/testing';
import type { FrameLoader } from '../../src/context/frame-loader.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { buildDataset, bytesOf, grayscaleModule } from './dataset-builder.js';
import { mountViewport } from './viewport-harness.js';

const ROWS = 16;
const COLUMNS = 16;

function viewportShowing(partial: boolean): Promise<CbViewport> {
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
    viewport.overlay = 'on';
  });
}

describe('<cb-viewport> with a partial frame', () => {
  const mounted: CbViewport[] = [];
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
  });

  it('labels a frame decoded from a cut codestream as not for diagnosis', async () => {
    const viewport = await viewportShowing(true);
    mounted.push(viewport);
    await viewport.updateComplete;
    const corner = viewport.shadowRoot?.querySelector('.bottom-right')?.textContent ?? '';
    expect(corner).to.contain('Incomplete image: not for diagnosis');
  });

  it('does not label a complete frame', async () => {
    const viewport = await viewportShowing(false);
    mounted.push(viewport);
    await viewport.updateComplete;
    const corner = viewport.shadowRoot?.querySelector('.bottom-right')?.textContent ?? '';
    expect(corner).to.not.contain('Incomplete');
  });
});
