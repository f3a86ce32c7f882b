import { expect } from '@open-wc/testing';
import type { FrameLoader } from '../../context/frame-loader.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import type { DecodedFrame } from '../../dicom/decoded-frame.js';
import { buildDataset, bytesOf, grayscaleModule } from '../../../test/viewport/dataset-builder.js';
import { randomIntegers } from '../../../test/viewport/viewport-harness.js';
import { waitFor } from '../../../test/waits.js';
import type { CbViewport } from './viewport.js';
import './cb-viewport.js';

const COLUMNS = 16;
const ROWS = 16;

function slice(sop: string): { dataset: DicomDataset; frame: DecodedFrame } {
  const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 2000));
  const dataset = buildDataset(
    {
      ...grayscaleModule(ROWS, COLUMNS, 12, false),
      0x0020000d: '1.2.3',
      0x0020000e: '1.2.3.4',
      0x00080018: sop,
      0x00281050: 40,
      0x00281051: 400,
    },
    [bytesOf(stored)],
  );
  return {
    dataset,
    frame: {
      rows: ROWS,
      columns: COLUMNS,
      samplesPerPixel: 1,
      bitsStored: 12,
      signed: false,
      photometricInterpretation: 'MONOCHROME2',
      pixels: stored,
    },
  };
}

/** A loader whose frames arrive only when the test releases them. */
function gatedLoader(slices: { dataset: DicomDataset; frame: DecodedFrame }[]) {
  const released = new Set<number>();
  const waiting = new Map<number, (() => void)[]>();
  const loader: FrameLoader = {
    load(dataset, _frame, options) {
      const index = slices.findIndex((s) => s.dataset === dataset);
      return new Promise<DecodedFrame>((resolve, reject) => {
        const done = (): void => {
          resolve(slices[index]!.frame);
        };
        options.signal.addEventListener('abort', () => {
          reject(new DOMException('aborted', 'AbortError'));
        });
        if (released.has(index)) done();
        else waiting.set(index, [...(waiting.get(index) ?? []), done]);
      });
    },
  };
  const release = (index: number): void => {
    released.add(index);
    for (const done of waiting.get(index) ?? []) done();
    waiting.delete(index);
  };
  return { loader, release, released };
}

const mounted: CbViewport[] = [];
afterEach(() => {
  for (const viewport of mounted.splice(0)) viewport.remove();
});

describe('<cb-viewport> stand-in for a slice still loading', () => {
  it('shows the nearest loaded slice, marked, until the slice asked for arrives', async () => {
    const slices = Array.from({ length: 30 }, (_, i) => slice(`9.${String(i)}`));
    const { loader, release, released } = gatedLoader(slices);
    release(0);
    release(12);
    const viewport = document.createElement('cb-viewport');
    mounted.push(viewport);
    viewport.lang = 'en';
    viewport.frameLoader = loader;
    viewport.nearestLoaded = (index) =>
      [...released].sort((a, b) => Math.abs(a - index) - Math.abs(b - index))[0];
    document.body.append(viewport);
    viewport.stack = slices.map((s) => s.dataset);
    await waitFor(() => viewport.currentImage?.image.dataset === slices[0]!.dataset, 'slice 0');
    expect(viewport.showsStandIn).to.equal(false);
    expect(viewport.shadowRoot!.querySelector('.stand-in')).to.equal(null);

    viewport.index = 14;
    await waitFor(
      () => viewport.currentImage?.image.dataset === slices[12]!.dataset,
      'slice 12 standing in for 14',
    );
    await viewport.updateComplete;
    expect(viewport.showsStandIn).to.equal(true);
    const mark = viewport.shadowRoot!.querySelector('.stand-in');
    expect(mark?.textContent.trim()).to.equal('Image 15 loading — image 13 shown');

    release(14);
    await waitFor(() => viewport.currentImage?.image.dataset === slices[14]!.dataset, 'slice 14');
    await viewport.updateComplete;
    expect(viewport.showsStandIn).to.equal(false);
    expect(viewport.shadowRoot!.querySelector('.stand-in')).to.equal(null);
  });

  it('asks again for the image in view on reload() after a failed load', async () => {
    const only = slice('9.99');
    let fail = true;
    let calls = 0;
    const loader: FrameLoader = {
      load() {
        calls++;
        return fail ? Promise.reject(new Error('server down')) : Promise.resolve(only.frame);
      },
    };
    const viewport = document.createElement('cb-viewport');
    mounted.push(viewport);
    viewport.frameLoader = loader;
    document.body.append(viewport);
    viewport.stack = [only.dataset];
    await waitFor(() => viewport.shadowRoot!.querySelector('.error') !== null, 'the error state');
    const before = calls;
    fail = false;
    viewport.reload();
    await waitFor(() => viewport.currentImage !== undefined, 'the image after reload');
    await viewport.updateComplete;
    expect(calls).to.be.greaterThan(before);
    expect(viewport.shadowRoot!.querySelector('.error')).to.equal(null);
  });
});
