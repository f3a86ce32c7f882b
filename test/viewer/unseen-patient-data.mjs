/**
 * A patient no other test knows, written as Part 10 with the demo data's writer, in the page or
 * in Node: CT current + prior (one Frame of Reference, different slice grids) and screening
 * mammograms current + prior stored in detector orientation (Patient Orientation A\L for right
 * views: chest wall on the image's left), which the screening protocol must mirror.
 */
import { writePart10 } from '../../scripts/demo-data/part10-writer.mjs';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
const MG_FOR_PRESENTATION = '1.2.840.10008.5.1.4.1.1.1.2';

// The writer joins its chunks with Node's Buffer.concat; a page has none.
if (typeof globalThis.Buffer === 'undefined') {
  globalThis.Buffer = /** @type {any} */ ({
    concat(/** @type {Uint8Array[]} */ chunks) {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.length;
      }
      return out;
    },
  });
}

export const VIEWS = [
  { view: 'RCC', laterality: 'R', position: 'CC', orientation: ['A', 'L'] },
  { view: 'LCC', laterality: 'L', position: 'CC', orientation: ['A', 'R'] },
  { view: 'RMLO', laterality: 'R', position: 'MLO', orientation: ['A', 'FR'] },
  { view: 'LMLO', laterality: 'L', position: 'MLO', orientation: ['A', 'FL'] },
];

/**
 * @param {(bytes: Uint8Array) => Promise<void>} store uploads one Part 10 file
 * @returns {Promise<{ patientId: string, patientName: string, currentCt: string, priorCt: string,
 *   currentZ: number[], priorZ: number[],
 *   currentMg: { study: string, sop: Map<string, string> }, priorMg: { study: string, sop: Map<string, string> } }>}
 */
export async function makeUnseenPatient(store) {
  const root = `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  let counter = 0;
  const uid = () => `${root}.${++counter}`;
  const patientId = `CB-${String(Date.now()).slice(-8)}`;
  const patientName = 'INCONNU^Patiente';

  const write = (dataset, columns, rows, seed) => {
    const values = new Uint16Array(columns * rows);
    for (let i = 0; i < values.length; i++) values[i] = (i * 7 + seed * 131) % 4000;
    const bytes = new Uint8Array(values.buffer);
    return store(
      new Uint8Array(
        writePart10(dataset, EXPLICIT_LE, { kind: 'native', bytes, frameLength: bytes.length })
          .bytes,
      ),
    );
  };
  const common = (study, date, description) => ({
    SpecificCharacterSet: 'ISO_IR 192',
    PatientName: patientName,
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
  });
  const ctStudy = async (date, frameOfReference, z) => {
    const study = uid();
    const series = uid();
    for (const [index, position] of z.entries()) {
      await write(
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
      );
    }
    return study;
  };
  const mgStudy = async (date) => {
    const study = uid();
    const series = uid();
    const sop = new Map();
    for (const [index, view] of VIEWS.entries()) {
      const instance = uid();
      sop.set(view.view, instance);
      await write(
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
  };
  const frameOfReference = uid();
  const currentZ = Array.from({ length: 10 }, (_, i) => i * 5);
  const priorZ = Array.from({ length: 16 }, (_, i) => -7 + i * 3);
  const currentCt = await ctStudy('20260301', frameOfReference, currentZ);
  const priorCt = await ctStudy('20250301', frameOfReference, priorZ);
  const currentMg = await mgStudy('20260302');
  const priorMg = await mgStudy('20250302');
  return { patientId, patientName, currentCt, priorCt, currentZ, priorZ, currentMg, priorMg };
}

/**
 * Another patient no other test knows: one CT study of `slices` slices of `size`² noise (so a
 * gzip-compressing server cannot shrink it and a throttled link takes a while to carry it).
 * @param {(bytes: Uint8Array) => Promise<void>} store uploads one Part 10 file
 * @param {{ slices?: number, size?: number, patient?: Record<string, unknown> }} [options]
 *   patient: Patient module attributes replacing the defaults (an issuer, another name …)
 * @returns {Promise<{ patientId: string, study: string, series: string, sops: string[] }>}
 */
export async function makeUnseenCtPatient(store, { slices = 120, size = 192, patient = {} } = {}) {
  const root = `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  let counter = 0;
  const uid = () => `${root}.${++counter}`;
  const patientId = `CB-CT-${String(Date.now()).slice(-7)}`;
  const study = uid();
  const series = uid();
  const frameOfReference = uid();
  const sops = [];
  let seed = 12345;
  for (let index = 0; index < slices; index++) {
    const values = new Uint16Array(size * size);
    for (let i = 0; i < values.length; i++) {
      // xorshift32: incompressible enough, deterministic per run.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      values[i] = (seed >>> 0) % 4000;
    }
    const bytes = new Uint8Array(values.buffer);
    const sop = uid();
    sops.push(sop);
    const dataset = {
      SpecificCharacterSet: 'ISO_IR 192',
      PatientName: 'INCONNU^Scanner',
      PatientID: patientId,
      PatientBirthDate: '19600101',
      PatientSex: 'M',
      ...patient,
      StudyInstanceUID: study,
      StudyDate: '20260310',
      StudyTime: '090000',
      StudyDescription: 'CT ABDOMEN',
      AccessionNumber: `A${patientId.slice(-6)}`,
      SOPClassUID: CT_IMAGE,
      SOPInstanceUID: sop,
      Modality: 'CT',
      BodyPartExamined: 'ABDOMEN',
      SeriesInstanceUID: series,
      SeriesNumber: 3,
      SeriesDescription: 'Abdomen 1 mm',
      InstanceNumber: index + 1,
      FrameOfReferenceUID: frameOfReference,
      ImagePositionPatient: [-96, -96, index],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      PixelSpacing: [1, 1],
      SliceThickness: 1,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: size,
      Columns: size,
      BitsAllocated: 16,
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 0,
      RescaleIntercept: -1024,
      RescaleSlope: 1,
      WindowCenter: 40,
      WindowWidth: 400,
    };
    await store(
      new Uint8Array(
        writePart10(dataset, EXPLICIT_LE, { kind: 'native', bytes, frameLength: bytes.length })
          .bytes,
      ),
    );
  }
  return { patientId: String(patient.PatientID ?? patientId), study, series, sops };
}
