// A React 18 + TypeScript vendor app: React < 19 passes neither properties nor custom events
// to custom elements, so it uses the @lit/react wrappers of `courbaril/react-wrapper`, whose
// props are typed (checked by `tsc --noEmit`); then built and run.
import { CbViewer, CbViewport } from 'courbaril/react-wrapper';
import { decodeFrame, parseDicom, type DicomDataset } from 'courbaril';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

async function load(url: string): Promise<DicomDataset> {
  return parseDicom(await (await fetch(url)).arrayBuffer());
}

interface Shown {
  readonly quality: 'preview' | 'full';
  readonly renderPath: string | undefined;
}
let showStack: (stack: DicomDataset[]) => void = () => undefined;
let onShown: (shown: Shown) => void = () => undefined;

function Viewer() {
  const [stack, setStack] = useState<DicomDataset[]>([]);
  showStack = setStack;
  useEffect(() => {
    document.body.dataset.ready = 'true';
  }, []);
  return (
    <CbViewport
      stack={stack}
      index={0}
      overlay="off"
      flipHorizontal={false}
      style={{ display: 'block', width: 128, height: 128 }}
      onCbImageRendered={(event) => {
        // Typed: ImageRenderedEvent, its detail, and the element it came from.
        const viewport = event.currentTarget as HTMLElementTagNameMap['cb-viewport'];
        onShown({ quality: event.detail.quality, renderPath: viewport.renderPath });
      }}
      onCbVoiChange={(event) => event.detail.voi?.windowWidth.toFixed()}
    />
  );
}

/** Type checks only (never rendered: <cb-viewer> would start talking to a server). */
export function Checks() {
  return (
    <>
      <CbViewer server="/dicom-web" patientId="1" compare="prior" memoryBudget={1e8} hidden />
      {/* @ts-expect-error index is a number: the typings are not `any` */}
      <CbViewport index="first" hidden />
      {/* @ts-expect-error compare is 'none' | 'prior' */}
      <CbViewer compare="later" hidden />
      {/* @ts-expect-error the handler receives the event, not a string */}
      <CbViewer onCbError={(code: string) => code} hidden />
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
if (root) {
  createRoot(root).render(<Viewer />);
}
