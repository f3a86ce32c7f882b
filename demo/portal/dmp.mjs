// A stand-in for the DMP (Dossier Médical Partagé) as the ANS DRIMbox model uses it: the imaging
// centre's DRIMbox shares each exam in the patient's DMP as a Key Object Selection "manifest"
// (title (113030, DCM, "Manifest")) naming the INS as Patient ID, the local identifier its PACS
// indexes the images by in Other Patient IDs Sequence, and, per series, the DICOMweb source that
// holds it (Retrieve URL (0008,1190)). A DRIMbox called with a StudyInstanceUID the DMP shares
// opens that manifest instead of the bare study: the images the sharing centre chose, current and
// prior, each from its source.
//
// The demo shares its patient's CT with the prior CT (read from the demo's DICOMweb tree on the
// first call); tests share their own exams with `portal.dmp.share()`.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** INS of the demo patient (a test NIR, OID .10) and the DMP's INS-NIR test authority. */
const DEMO_INS = '268049710504236';
const TEST_NIR_OID = '1.2.250.1.213.1.4.10';

/**
 * @typedef {{ studyInstanceUid: string, seriesInstanceUid: string, sopClassUid: string,
 *   sopInstanceUid: string }} SharedInstance
 * @typedef {{ ins: string, studyInstanceUid: string,
 *   patientStudy: Record<string, { vr: string, Value?: unknown[] }>,
 *   instances: SharedInstance[] }} Share
 */

export function createDmp() {
  /** @type {Map<string, Share>} */
  const shares = new Map();
  let demoShared = false;
  const key = (/** @type {string} */ ins, /** @type {string} */ study) => `${ins}|${study}`;
  return {
    /**
     * Shares an exam in the patient's DMP. `patientStudy`: the document's Patient and General
     * Study modules as DICOM JSON (the INS as Patient ID, local IDs in (0010,1002)).
     * @param {Share} share
     */
    share(share) {
      shares.set(key(share.ins, share.studyInstanceUid), share);
    },
    /** The share for this INS and study, if the DMP holds one. @param {string} ins @param {string} study */
    find(ins, study) {
      if (!demoShared) {
        demoShared = true;
        const demo = demoShare();
        if (demo) shares.set(key(demo.ins, demo.studyInstanceUid), demo);
      }
      return shares.get(key(ins, study));
    },
  };
}

/** DICOM JSON of one attribute. @param {string} vr @param {...unknown} values */
const attribute = (vr, ...values) => (values.length > 0 ? { vr, Value: values } : { vr });

/**
 * The demo patient's CT and its prior, from the generated tree (demo/data), when it exists.
 * @returns {Share | undefined}
 */
function demoShare() {
  const data = resolve('demo/data');
  if (!existsSync(join(data, 'manifest.json'))) return undefined;
  const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8'));
  const { currentCt, priorCt } = manifest.studies;
  /** @param {string} study @returns {SharedInstance[]} */
  const images = (study) => {
    const folder = join(data, manifest.dicomwebRoot, 'studies', study);
    const series = JSON.parse(readFileSync(join(folder, 'series.json'), 'utf8'));
    return series
      .filter((/** @type {any} */ item) => item['00080060']?.Value?.[0] === 'CT')
      .flatMap((/** @type {any} */ item) => {
        const uid = item['0020000E'].Value[0];
        const file = join(folder, 'series', uid, 'instances.json');
        return JSON.parse(readFileSync(file, 'utf8')).map((/** @type {any} */ instance) => ({
          studyInstanceUid: study,
          seriesInstanceUid: uid,
          sopClassUid: instance['00080016'].Value[0],
          sopInstanceUid: instance['00080018'].Value[0],
        }));
      });
  };
  const { patient } = manifest;
  return {
    ins: DEMO_INS,
    studyInstanceUid: currentCt.studyInstanceUid,
    patientStudy: {
      '00100010': attribute('PN', { Alphabetic: patient.patientName }),
      '00100020': attribute('LO', DEMO_INS),
      '00100021': attribute('LO', TEST_NIR_OID),
      '00100030': attribute('DA', '19680412'),
      '00100040': attribute('CS', 'F'),
      '00101002': attribute('SQ', {
        '00100020': attribute('LO', patient.patientId),
        '00100021': attribute('LO', patient.issuerOfPatientId),
      }),
      '0020000D': attribute('UI', currentCt.studyInstanceUid),
      '00080020': attribute('DA', currentCt.date),
      '00080050': attribute('SH', currentCt.accessionNumber),
      '00081030': attribute('LO', currentCt.description),
    },
    instances: [...images(currentCt.studyInstanceUid), ...images(priorCt.studyInstanceUid)],
  };
}
