/**
 * Fictional screening patients no other test knows, for <cb-screening-reading>: each a current
 * screening mammogram (RCC, LCC, RMLO, LMLO, or fewer) and optionally last round's, written as
 * Part 10 with the demo data's writer (native 16-bit, 12 bits stored, small) in the page.
 */
import { writePart10 } from '../../scripts/demo-data/part10-writer.mjs';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
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

const VIEWS = {
  RCC: { laterality: 'R', position: 'CC', orientation: ['A', 'L'] },
  LCC: { laterality: 'L', position: 'CC', orientation: ['P', 'L'] },
  RMLO: { laterality: 'R', position: 'MLO', orientation: ['A', 'FR'] },
  LMLO: { laterality: 'L', position: 'MLO', orientation: ['P', 'FL'] },
};

let patients = 0;

/**
 * @param {(bytes: Uint8Array) => Promise<void>} store uploads one Part 10 file
 * @param {{ views?: string[], prior?: boolean }} [options] the current study's views (default
 *   all four) and whether last round's four views exist
 */
export async function makeScreeningPatient(
  store,
  { views = Object.keys(VIEWS), prior = true } = {},
) {
  const root = `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}${++patients}`;
  let counter = 0;
  const uid = () => `${root}.${++counter}`;
  const patientId = `CB-SCR-${String(Date.now()).slice(-6)}${patients}`;
  const mgStudy = async (date, names, seed) => {
    const study = uid();
    const series = uid();
    const accessionNumber = `DEP${patientId.slice(-7)}${date.slice(2, 4)}`;
    /** @type {Map<string, string>} */
    const sop = new Map();
    for (const [index, name] of names.entries()) {
      const view = VIEWS[name];
      const instance = uid();
      sop.set(name, instance);
      const columns = 40;
      const rows = 48;
      const values = new Uint16Array(columns * rows);
      for (let i = 0; i < values.length; i++) values[i] = (i * 7 + (seed + index) * 131) % 4000;
      const bytes = new Uint8Array(values.buffer);
      const dataset = {
        SpecificCharacterSet: 'ISO_IR 192',
        PatientName: 'DEPISTAGE^Fictive',
        PatientID: patientId,
        PatientBirthDate: '19650101',
        PatientSex: 'F',
        StudyInstanceUID: study,
        StudyDate: date,
        StudyTime: '093000',
        StudyDescription: 'MAMMOGRAPHIE DE DEPISTAGE',
        AccessionNumber: accessionNumber,
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
        SamplesPerPixel: 1,
        PhotometricInterpretation: 'MONOCHROME2',
        BitsAllocated: 16,
        BitsStored: 12,
        HighBit: 11,
        PixelRepresentation: 0,
        Rows: rows,
        Columns: columns,
      };
      await store(
        new Uint8Array(
          writePart10(dataset, EXPLICIT_LE, { kind: 'native', bytes, frameLength: bytes.length })
            .bytes,
        ),
      );
    }
    return { study, series, accessionNumber, sop };
  };
  const current = await mgStudy('20261105', views, 1);
  const last = prior ? await mgStudy('20241030', Object.keys(VIEWS), 11) : undefined;
  return { patientId, current, prior: last };
}
