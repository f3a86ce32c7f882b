/**
 * The console quality-control object: the TG18-QC-style pattern (phantom-tg18qc.mjs) as a
 * Secondary Capture image (PS3.3 A.8.1, Conversion Type SYN: synthetic), filed under a QC
 * "patient" of its own as a PACS files its test objects, never under a person. Native 12-bit
 * pixels in 16, with a window spanning the full range (WC 2048, WW 4096): shown through it, 0 is
 * black and 4095 white, the pattern "unwindowed" as console QC asks.
 */
import { EXPLICIT_VR_LITTLE_ENDIAN } from './part10-writer.mjs';
import { renderTg18Qc, TG18_BITS, TG18_SIZE } from './phantom-tg18qc.mjs';
import { uidFor } from './uid.mjs';

export const CONSOLE_QC = Object.freeze({
  PatientName: 'CONTROLE QUALITE^CONSOLE',
  PatientID: 'CQ-CONSOLE-TG18',
  studyInstanceUid: uidFor('console-qc/study'),
  seriesInstanceUid: uidFor('console-qc/tg18-qc/series'),
  sopInstanceUid: uidFor('console-qc/tg18-qc/1/instance'),
  date: '20261201',
});

/** @returns {AsyncGenerator<import('./series-images.mjs').Instance>} */
export async function* consoleQcSeries() {
  const stored = renderTg18Qc(TG18_SIZE);
  yield {
    transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
    pixels: {
      kind: 'native',
      bytes: new Uint8Array(stored.buffer),
      frameLength: stored.byteLength,
    },
    dataset: {
      SpecificCharacterSet: 'ISO_IR 192',
      PatientName: CONSOLE_QC.PatientName,
      PatientID: CONSOLE_QC.PatientID,
      PatientBirthDate: '',
      PatientSex: 'O',
      StudyInstanceUID: CONSOLE_QC.studyInstanceUid,
      StudyDate: CONSOLE_QC.date,
      StudyTime: '080000',
      AccessionNumber: '',
      StudyID: 'CQ',
      StudyDescription: 'CONTROLE QUALITE CONSOLE TG18-QC',
      ReferringPhysicianName: '',
      Manufacturer: 'Courbaril',
      ManufacturerModelName: 'Mire de contrôle de qualité',
      Modality: 'OT',
      ConversionType: 'SYN',
      SeriesInstanceUID: CONSOLE_QC.seriesInstanceUid,
      SeriesNumber: 1,
      SeriesDescription: 'TG18-QC 1024 12 bits',
      // Type 2C, empty: no body part, no patient (dciodvfy asks for them).
      Laterality: '',
      PatientOrientation: '',
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.7',
      SOPInstanceUID: CONSOLE_QC.sopInstanceUid,
      InstanceNumber: 1,
      ImageType: ['DERIVED', 'SECONDARY'],
      ContentDate: CONSOLE_QC.date,
      ContentTime: '080000',
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: TG18_SIZE,
      Columns: TG18_SIZE,
      BitsAllocated: 16,
      BitsStored: TG18_BITS,
      HighBit: TG18_BITS - 1,
      PixelRepresentation: 0,
      WindowCenter: 2048,
      WindowWidth: 4096,
      WindowCenterWidthExplanation: 'FULL RANGE',
      BurnedInAnnotation: 'NO',
      LossyImageCompression: '00',
    },
  };
}
