/** A patient no other test knows (unseen-patient-data.mjs), stored in the real Orthanc behind /orthanc. */
import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { ORTHANC, allRendered, mountViewer, viewportAt, waitFor } from './viewer-harness.js';
import { VIEWS, makeUnseenPatient, type UnseenPatient } from './unseen-patient-data.mjs';

async function store(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const response = await fetch('/orthanc/instances', {
    method: 'POST',
    headers: { 'Content-Type': 'application/dicom' },
    body: bytes,
  });
  if (!response.ok) throw new Error(`Orthanc refused an instance: ${String(response.status)}`);
}

async function orthancAvailable(): Promise<boolean> {
  try {
    return (await fetch('/orthanc/system')).ok;
  } catch {
    return false;
  }
}

describe('<cb-viewer> with an unseen patient uploaded to Orthanc', function () {
  this.timeout(60000);
  let data: UnseenPatient | undefined;
  let viewer: CbViewer | undefined;

  before(async function () {
    if (!(await orthancAvailable())) this.skip();
    data = await makeUnseenPatient(store);
  });

  afterEach(() => {
    viewer?.remove();
    viewer = undefined;
  });

  it('hangs its screening mammograms 2 × 4 with the right views mirrored', async () => {
    viewer = mountViewer({
      server: ORTHANC,
      cache: 'none',
      'patient-id': data!.patientId,
      study: data!.currentMg.study,
      compare: 'prior',
    });
    await allRendered(viewer, 8);
    const layout = viewer.getLayout();
    VIEWS.forEach(({ view }, column) => {
      const prior = layout.find((cell) => cell.row === 0 && cell.column === column);
      const current = layout.find((cell) => cell.row === 1 && cell.column === column);
      expect(prior?.sopInstanceUid, `prior ${view}`).to.equal(data!.priorMg.sop.get(view));
      expect(current?.sopInstanceUid, `current ${view}`).to.equal(data!.currentMg.sop.get(view));
      // Detector orientation puts every chest wall on the image's left (row direction A):
      // right views are mirrored so they face the left views (PS3.3 C.8.11.7 Patient Orientation).
      expect([prior?.flipHorizontal, current?.flipHorizontal], view).to.deep.equal(
        view.startsWith('R') ? [true, true] : [false, false],
      );
    });
    // Mirrored right breast: its chest wall now touches the cell's right edge.
    const rcc = viewportAt(viewer, 1, 0)!;
    const m = rcc.imageToCss()!;
    const width = rcc.getBoundingClientRect().width;
    const edges = [m.e, m.a * rcc.currentImage!.frame.columns + m.e];
    expect(Math.abs(Math.max(...edges) - width)).to.be.lessThan(2);
  });

  it('opens its CT with the prior and scrolls the prior to the nearest slice by position', async () => {
    viewer = mountViewer({
      server: ORTHANC,
      cache: 'none',
      'patient-id': data!.patientId,
      study: data!.currentCt,
      compare: 'prior',
    });
    const [current, prior] = await allRendered(viewer, 2);
    expect(prior!.stack).to.have.length(data!.priorZ.length);
    // The current CT shows its first slice before its series metadata: scroll its whole stack.
    await waitFor(() => current!.stack.length === data!.currentZ.length, 'the current stack');
    for (const [index, expected] of [
      [5, 11], // z 25 mm: prior slices at 23 and 26 mm → 26 mm (index 11)
      [9, 15], // z 45 mm: beyond the prior's last slice (38 mm) → the last one
      [1, 4], // z 5 mm: prior slice at 5 mm exactly
    ] as const) {
      current!.index = index;
      await waitFor(() => prior!.index === expected, `prior slice ${String(expected)}`);
    }
  });
});
