/**
 * One small study for the patient-matching and identity tests: `seriesCount` series of two 16×16
 * 12-bit images each, written as Part 10 with the demo data's writer (the Buffer shim of
 * unseen-patient-data.mjs makes it run in a page). `patient` is the Patient module, as each test
 * mislabels it.
 */
import { writePart10 } from '../../scripts/demo-data/part10-writer.mjs';
import './unseen-patient-data.mjs';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const SOP_CLASSES = { CT: '1.2.840.10008.5.1.4.1.1.2', MR: '1.2.840.10008.5.1.4.1.1.4' };

/**
 * @param {(bytes: Uint8Array) => Promise<void>} store uploads one Part 10 file
 * @param {{ uid: () => string, patient: Record<string, unknown>, date: string,
 *   modality?: 'CT' | 'MR', accession: string, seriesCount?: number }} options
 * @returns {Promise<{ study: string, series: string[] }>}
 */
export async function writeTinyStudy(store, options) {
  const { uid, patient, date, modality = 'CT', accession, seriesCount = 1 } = options;
  const study = uid();
  const series = [];
  for (let s = 0; s < seriesCount; s++) {
    const seriesUid = uid();
    series.push(seriesUid);
    for (let index = 0; index < 2; index++) {
      const values = new Uint16Array(16 * 16).map((_, i) => (i * 5 + index * 97 + s * 31) % 3000);
      const bytes = new Uint8Array(values.buffer);
      const dataset = {
        SpecificCharacterSet: 'ISO_IR 192',
        ...patient,
        StudyInstanceUID: study,
        StudyDate: date,
        StudyTime: '090000',
        StudyDescription: `${modality} TEST`,
        AccessionNumber: accession,
        SOPClassUID: SOP_CLASSES[modality],
        SOPInstanceUID: uid(),
        Modality: modality,
        SeriesInstanceUID: seriesUid,
        SeriesNumber: s + 1,
        InstanceNumber: index + 1,
        ImagePositionPatient: [0, 0, index * 2],
        ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
        PixelSpacing: [1, 1],
        Rows: 16,
        Columns: 16,
        SamplesPerPixel: 1,
        PhotometricInterpretation: 'MONOCHROME2',
        BitsAllocated: 16,
        BitsStored: 12,
        HighBit: 11,
        PixelRepresentation: 0,
      };
      await store(
        new Uint8Array(
          writePart10(dataset, EXPLICIT_LE, { kind: 'native', bytes, frameLength: bytes.length })
            .bytes,
        ),
      );
    }
  }
  return { study, series };
}
