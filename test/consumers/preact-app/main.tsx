// A Preact + TypeScript vendor app: the elements in JSX with typed properties and events
// (`import type {} from 'courbaril/preact'`), checked by `tsc --noEmit`, then built and run:
// Preact sets `stack` as a property and listens through `oncb-image-rendered`.
import 'courbaril/define';
import type {} from 'courbaril/preact';
import { decodeFrame, parseDicom, type DicomDataset } from 'courbaril';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

async function load(url: string): Promise<DicomDataset> {
  return parseDicom(await (await fetch(url)).arrayBuffer());
}

interface Shown {
  readonly quality: 'preview' | 'full';
  readonly renderPath: string | undefined;
}
let showStack: (stack: DicomDataset[]) => void = () => undefined;
let onShown: (shown: Shown) => void = () => undefined;

export function Viewer() {
  const [stack, setStack] = useState<DicomDataset[]>([]);
  showStack = setStack;
  useEffect(() => {
    document.body.dataset.ready = 'true';
  }, []);
  return (
    <cb-viewport
      stack={stack}
      index={0}
      overlay="off"
      style={{ display: 'block', width: 128, height: 128 }}
      oncb-image-rendered={(event) => {
        // Typed: ImageRenderedEvent, its detail, and the element it came from.
        const viewport = event.currentTarget as HTMLElementTagNameMap['cb-viewport'];
        onShown({ quality: event.detail.quality, renderPath: viewport.renderPath });
      }}
      oncb-voi-change={(event) => event.detail.voi?.windowWidth.toFixed()}
    />
  );
}

/** Type checks only (never rendered: <cb-viewer> would start talking to a server). */
export function Checks() {
  return (
    <>
      <cb-viewer server="/dicom-web" patient-id="1" compare="prior" memoryBudget={1e8} />
      {/* @ts-expect-error index is a number: the typings are not `any` */}
      <cb-viewport index="first" />
      {/* @ts-expect-error compare is 'none' | 'prior' */}
      <cb-viewer compare="later" />
      {/* @ts-expect-error the handler receives the event, not a string */}
      <cb-viewer oncb-error={(code: string) => code} />
    </>
  );
}

declare global {
  interface Window {
    consumer: {
      decode(url: string): Promise<{ rows: number; columns: number; pixels: number[] }>;
      show(url: string): Promise<Shown>;
    };
  }
}

window.consumer = {
  async decode(url) {
    const frame = await decodeFrame(await load(url), 0);
    return { rows: frame.rows, columns: frame.columns, pixels: Array.from(frame.pixels) };
  },
  async show(url) {
    const dataset = await load(url);
    return new Promise<Shown>((resolve) => {
      onShown = resolve;
      showStack([dataset]);
    });
  },
};

const root = document.getElementById('root');
if (root) render(<Viewer />, root);
