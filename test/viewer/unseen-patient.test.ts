/**
 * A patient no other test knows, made here (Part 10 written in the page with the demo data's
 * writer) and stored in the real Orthanc behind /orthanc: CT current + prior with different
 * slice positions in one Frame of Reference, and screening mammograms current + prior stored in
 * detector orientation (Patient Orientation A\L for right views: the chest wall on the image's
 * left), which the screening protocol must mirror.
 */
import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { ORTHANC, allRendered, mountViewer, viewportAt, waitFor } from './viewer-harness.js';
// @ts-expect-error -- plain JavaScript module of the demo data generator, no typings.
import { writePart10 } from '../../scripts/demo-data/part10-writer.mjs';

type DataSet = Record<string, unknown>;
type Writer = (
  dataset: DataSet,
  transferSyntaxUid: string,
  pixels: { kind: 'native'; bytes: Uint8Array; frameLength: number },
) => { bytes: Uint8Array<ArrayBuffer> };

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
const MG_FOR_PRESENTATION = '1.2.840.10008.5.1.4.1.1.1.2';

// The writer joins its chunks with Node's Buffer.concat; the page has none.
const globals = globalThis as unknown as { Buffer?: { concat(chunks: Uint8Array[]): Uint8Array } };
globals.Buffer ??= {
  concat(chunks) {
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  },
};

const root = `2.25.${String(Date.now())}${String(Math.floor(Math.random() * 1e6))}`;
let counter = 0;
const uid = () => `${root}.${String(++counter)}`;
const patientId = `CB-${String(Date.now()).slice(-8)}`;

function pixels(columns: number, rows: number, seed: number): Uint8Array {
  const values = new Uint16Array(columns * rows);
  for (let i = 0; i < values.length; i++) values[i] = (i * 7 + seed * 131) % 4000;
  return new Uint8Array(values.buffer);
}

async function store(dataset: DataSet, columns: number, rows: number, seed: number): Promise<void> {
  const bytes = pixels(columns, rows, seed);
  const file = (writePart10 as Writer)(dataset, EXPLICIT_LE, {
    kind: 'native',
    bytes,
    frameLength: bytes.length,
  });
  const response = await fetch('/orthanc/instances', {
    method: 'POST',
    headers: { 'Content-Type': 'application/dicom' },
    body: file.bytes,
  });
  if (!response.ok) throw new Error(`Orthanc refused an instance: ${String(response.status)}`);
}

function common(study: string, date: string, description: string): DataSet {
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    PatientName: 'UNSEEN^Patient',
    PatientID: patientId,
    PatientBirthDate: '19700101',
    PatientSex: 'F',
    StudyInstanceUID: study,
    StudyDate: date,
    StudyTime: '101010',
    StudyDescription: description,
    AccessionNumber: `A${date.slice(2)}`,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
  };
}

/** One CT series: slice positions `z` (mm) along the patient's feet-head axis. */
async function ctStudy(
  date: string,
  frameOfReference: string,
  z: readonly number[],
): Promise<string> {
  const study = uid();
  const series = uid();
  await Promise.all(
    z.map((position, index) =>
      store(
        {
          ...common(study, date, 'CT THORAX'),
          SOPClassUID: CT_IMAGE,
          SOPInstanceUID: uid(),
          Modality: 'CT',
          BodyPartExamined: 'CHEST',
          SeriesInstanceUID: series,
          SeriesNumber: 2,
          SeriesDescription: 'Thorax 3 mm',
          InstanceNumber: index + 1,
          FrameOfReferenceUID: frameOfReference,
          ImagePositionPatient: [-16, -16, position],
          ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
          PixelSpacing: [1, 1],
          SliceThickness: 3,
          Rows: 32,
          Columns: 32,
          RescaleIntercept: -1024,
          RescaleSlope: 1,
          WindowCenter: 40,
          WindowWidth: 400,
        },
        32,
        32,
        index,
      ),
    ),
  );
  return study;
}

const VIEWS = [
  { view: 'RCC', laterality: 'R', position: 'CC', orientation: ['A', 'L'] },
  { view: 'LCC', laterality: 'L', position: 'CC', orientation: ['A', 'R'] },
  { view: 'RMLO', laterality: 'R', position: 'MLO', orientation: ['A', 'FR'] },
  { view: 'LMLO', laterality: 'L', position: 'MLO', orientation: ['A', 'FL'] },
] as const;

async function mgStudy(date: string): Promise<{ study: string; sop: Map<string, string> }> {
  const study = uid();
  const series = uid();
  const sop = new Map<string, string>();
  for (const [index, view] of VIEWS.entries()) {
    const instance = uid();
    sop.set(view.view, instance);
    await store(
      {
        ...common(study, date, 'MAMMOGRAPHIE DE DEPISTAGE'),
        SOPClassUID: MG_FOR_PRESENTATION,
        SOPInstanceUID: instance,
        Modality: 'MG',
        BodyPartExamined: 'BREAST',
        PresentationIntentType: 'FOR PRESENTATION',
        SeriesInstanceUID: series,
        SeriesNumber: 1,
        SeriesDescription: 'Depistage',
        InstanceNumber: index + 1,
        ImageLaterality: view.laterality,
        ViewPosition: view.position,
        PatientOrientation: view.orientation,
        ImagerPixelSpacing: [0.1, 0.1],
        Rows: 48,
        Columns: 40,
      },
      40,
      48,
      index,
    );
  }
  return { study, sop };
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
  let data:
    | {
        currentCt: string;
        priorZ: number[];
        currentZ: number[];
        currentMg: { study: string; sop: Map<string, string> };
        priorMg: { study: string; sop: Map<string, string> };
      }
    | undefined;
  let viewer: CbViewer | undefined;

  before(async function () {
    if (!(await orthancAvailable())) this.skip();
    const frameOfReference = uid();
    const currentZ = Array.from({ length: 10 }, (_, i) => i * 5);
    const priorZ = Array.from({ length: 16 }, (_, i) => -7 + i * 3);
    const currentCt = await ctStudy('20260301', frameOfReference, currentZ);
    await ctStudy('20250301', frameOfReference, priorZ);
    const currentMg = await mgStudy('20260302');
    const priorMg = await mgStudy('20250302');
    data = { currentCt, currentZ, priorZ, currentMg, priorMg };
  });

  afterEach(() => {
    viewer?.remove();
    viewer = undefined;
  });

  it('hangs its screening mammograms 2 × 4 with the right views mirrored', async () => {
    viewer = mountViewer({
      server: ORTHANC,
      cache: 'none',
      'patient-id': patientId,
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
      'patient-id': patientId,
      study: data!.currentCt,
      compare: 'prior',
    });
    const [current, prior] = await allRendered(viewer, 2);
    expect(prior!.stack).to.have.length(data!.priorZ.length);
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
