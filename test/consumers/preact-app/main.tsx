// A Preact + TypeScript vendor app: the elements in JSX with typed properties and events
// (`import type {} from 'courbaril/preact'`), checked by `tsc --noEmit`.
import 'courbaril/define';
import type {} from 'courbaril/preact';
import type { DicomDataset } from 'courbaril';
import { render } from 'preact';

export function Viewer({ stack }: { stack: DicomDataset[] }) {
  return (
    <cb-viewport
      stack={stack}
      index={0}
      overlay="off"
      oncb-image-rendered={(event) => event.detail.quality.toUpperCase()}
      oncb-voi-change={(event) => event.detail.voi?.windowWidth.toFixed()}
    />
  );
}

export function Checks() {
  return (
    <>
      <cb-viewer server="/dicom-web" patient-id="1" compare="prior" memoryBudget={1e8} />
      {/* @ts-expect-error index is a number: the typings are not `any` */}
      <cb-viewport index="first" />
      {/* @ts-expect-error compare is 'none' | 'prior' */}
      <cb-viewer compare="later" />
    </>
  );
}

const root = document.getElementById('root');
if (root) render(<Viewer stack={[]} />, root);
