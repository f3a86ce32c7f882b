/**
 * The reader's marks written as a GSPS (createPresentationState): dciodvfy accepts it against the
 * Grayscale Softcopy Presentation State IOD, STOW-RS stores it in Orthanc, WADO-RS metadata reads
 * it back through readPresentationState, and <cb-viewport> applies it to the marked image.
 */
import { expect } from '@open-wc/testing';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { datasetFromDicomJson } from '../../src/dicom/json-dataset.js';
import { parseDicom } from '../../src/dicom/parse-dicom.js';
import { writePart10 } from '../../src/dicom/part10-writer.js';
import {
  PresentationStateError,
  isPresentationState,
  readPresentationState,
} from '../../src/dicom/presentation-state.js';
import {
  createPresentationState,
  type PresentationStateMark,
} from '../../src/dicom/presentation-state-writer.js';
import * as tags from '../../src/dicom/tags.generated.js';
import {
  findPresentationStates,
  storePresentationState,
} from '../../src/session/presentation-state-store.js';
import { storeInstances } from '../../src/dicomweb/stow-rs.js';
import { requireRig } from '../dicomweb/dicomweb-fixtures.js';
import { deleteFromOrthanc, errorLines, validateDicom } from '../kos/kos-fixtures.js';
import { client, currentMammogram, view } from '../screening/screening-fixtures.js';
import { mountViewport } from '../viewport/viewport-harness.js';
import { toolImage } from './gsps-fixtures.js';

const observer = { name: 'LÉGER^Anaïs' };
const stored: string[] = [];
const mounted: CbViewport[] = [];

describe('Reader marks as a GSPS (createPresentationState)', function () {
  before(async function () {
    await requireRig(this);
  });
  afterEach(() => {
    for (const viewport of mounted.splice(0)) viewport.remove();
  });
  after(async () => {
    for (const sopInstanceUid of stored) await deleteFromOrthanc(sopInstanceUid);
  });

  it('writes marks on two mammogram views as a GSPS that dciodvfy accepts', async () => {
    const mammo = await currentMammogram();
    const lcc = view(mammo, 'LCC');
    const lmlo = view(mammo, 'LMLO');
    const marks: PresentationStateMark[] = [
      {
        image: lcc.image,
        shape: 'ellipse',
        points: [
          [100.5, 200],
          [140.5, 200],
          [120.5, 185],
          [120.5, 215],
        ],
        label: 'Masse QSE <b>à revoir</b>',
      },
      { image: lmlo.image, shape: 'point', points: [[310.25, 122.75]] },
    ];
    const gsps = createPresentationState(marks, [lcc.dataset, lmlo.dataset], observer, {
      voi: { windowCenter: 2047.5, windowWidth: 4096 },
      contentDescription: 'Second reading marks',
    });
    const { dciodvfy } = await validateDicom(writePart10(gsps));
    expect(errorLines(dciodvfy.output), dciodvfy.output).to.deep.equal([]);
    expect(dciodvfy.output).to.contain('GrayscaleSoftcopyPresentationState');
    expect(dciodvfy.output).not.to.contain('not present in standard DICOM IOD');
    const state = readPresentationState(parseDicom(writePart10(gsps)));
    expect(state.contentLabel).to.equal('READER MARKS');
    expect(state.creatorName).to.equal('LÉGER^Anaïs');
    expect(state.referencedImages.map((image) => image.sopInstanceUid)).to.deep.equal([
      lcc.image.sopInstanceUid,
      lmlo.image.sopInstanceUid,
    ]);
    expect(state.annotations[0]?.graphics[0]).to.deep.equal({
      units: 'PIXEL',
      type: 'ELLIPSE',
      filled: false,
      points: [
        { x: 100.5, y: 200 },
        { x: 140.5, y: 200 },
        { x: 120.5, y: 185 },
        { x: 120.5, y: 215 },
      ],
    });
    expect(state.annotations[0]?.texts[0]?.text).to.equal('Masse QSE <b>à revoir</b>');
    expect(state.annotations[1]?.graphics[0]?.points).to.deep.equal([{ x: 310.25, y: 122.75 }]);
  });

  it('stores the GSPS with STOW-RS, reads it back from WADO-RS metadata and applies it', async () => {
    const imageBytes = await toolImage();
    const image = parseDicom(imageBytes);
    const studyInstanceUid = image.string(tags.StudyInstanceUID) ?? '';
    const sopInstanceUid = image.string(tags.SOPInstanceUID) ?? '';
    await storeInstances(client, [{ part10: imageBytes, sopInstanceUid }], { studyInstanceUid });
    stored.push(sopInstanceUid);
    const reference = {
      studyInstanceUid,
      seriesInstanceUid: image.string(tags.SeriesInstanceUID) ?? '',
      sopClassUid: image.string(tags.SOPClassUID) ?? '',
      sopInstanceUid,
    };
    const gsps = createPresentationState(
      [
        {
          image: reference,
          shape: 'circle',
          points: [
            [32, 20],
            [42, 20],
          ],
        },
      ],
      image,
      observer,
      { voi: { windowCenter: 1500, windowWidth: 1000 }, contentLabel: 'SECOND READ' },
    );
    const where = await storePresentationState(client, gsps);
    stored.push(where.sopInstanceUid);
    const metadata = await client.retrieveSeriesMetadata(studyInstanceUid, where.seriesInstanceUid);
    const found = metadata.map((json) => datasetFromDicomJson(json)).filter(isPresentationState);
    expect(found).to.have.length(1);
    const state = readPresentationState(found[0]!);
    expect(state.contentLabel).to.equal('SECOND READ');
    // The study's listing (QIDO-RS PR series, then their metadata) finds the same one.
    const listed = await findPresentationStates(client, studyInstanceUid);
    expect(listed.map((item) => item.sopInstanceUid)).to.deep.equal([where.sopInstanceUid]);
    const viewport = await mountViewport([image], 128, 80, 'auto', (v) => {
      v.presentationState = state;
      v.overlay = 'on';
    });
    mounted.push(viewport);
    await viewport.updateComplete;
    expect(viewport.effectiveWindow).to.deep.equal({
      windowCenter: 1500,
      windowWidth: 1000,
      function: 'LINEAR',
    });
    // The whole 64×40 image SCALE TO FIT on 128×80: scale 2, the circle's centre (32, 20) at (64, 40).
    const circle = viewport.shadowRoot?.querySelector('svg.gsps .gsps-circle');
    expect(['cx', 'cy', 'r'].map((name) => Number(circle?.getAttribute(name)))).to.deep.equal([
      64, 40, 20,
    ]);
  });

  it('refuses marks it cannot write with a PresentationStateError', async () => {
    const mammo = await currentMammogram();
    const lcc = view(mammo, 'LCC');
    expect(() => createPresentationState([], lcc.dataset)).to.throw(PresentationStateError);
    expect(() =>
      createPresentationState(
        [{ image: lcc.image, shape: 'ellipse', points: [[1, 2]] }],
        lcc.dataset,
      ),
    ).to.throw(PresentationStateError);
    expect(() =>
      createPresentationState(
        [{ image: view(mammo, 'RCC').image, shape: 'point', points: [[1, 2]] }],
        lcc.dataset,
      ),
    ).to.throw(PresentationStateError);
    expect(() =>
      createPresentationState(
        [{ image: lcc.image, shape: 'point', points: [[1, 2]] }],
        lcc.dataset,
        undefined,
        {
          contentLabel: 'lower case',
        },
      ),
    ).to.throw(PresentationStateError);
  });
});
