/**
 * The first reader's (L1) reading of a screening case, as the Breast Imaging Report (PS3.16 TID
 * 4200) Courbaril's own reading form writes: the generator runs the library's writer
 * (src/dicom/breast-imaging-report-writer.ts, bundled for Node by esbuild at generation time), so
 * the demo's L1 reports are exactly what `<cb-reading-form>` stores and `readBreastImagingReport`
 * reads back, with no second copy of the template to drift. UIDs and dates are fixed, so the
 * output stays deterministic.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toDicomJson } from './dicom-json.mjs';
import { FIRST_READER, READING_CASES } from './reading-list.mjs';
import { mammogramViews } from './series-mammography.mjs';
import { instanceUid, seriesAttributes, seriesUid } from './study-plan.mjs';

/**
 * @typedef {import('./study-plan.mjs').Study} Study
 * @typedef {import('./series-images.mjs').Instance} Instance
 */

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';
const SR_SERIES = { key: 'sr-l1', number: 900, modality: 'SR', description: 'Screening reading' };

/**
 * The writer and its Part 10 and DICOM JSON helpers, bundled once per thread.
 * @type {Promise<typeof import('../../src/dicom/breast-imaging-report-writer.js') &
 *   typeof import('../../src/dicom/json-dataset.js') & typeof import('../../src/dicom/dicom-json-writer.js') &
 *   typeof import('../../src/dicom/part10-writer.js')> | undefined}
 */
let library;

function loadLibrary() {
  library ??= (async () => {
    const { build } = await import('esbuild');
    const modules = [
      'breast-imaging-report-writer',
      'json-dataset',
      'dicom-json-writer',
      'part10-writer',
    ];
    const result = await build({
      stdin: {
        contents: modules.map((name) => `export * from './src/dicom/${name}.ts';`).join('\n'),
        resolveDir: REPO_ROOT,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      tsconfig: resolve(REPO_ROOT, 'tsconfig.json'),
      write: false,
      logLevel: 'warning',
    });
    const code = result.outputFiles[0]?.text ?? '';
    return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  })();
  return library;
}

/**
 * The L1 report of a current study of the reading list, if its case has one.
 * @param {Study} study
 * @param {import('./study-plan.mjs').ImageSizes} sizes
 * @returns {AsyncGenerator<Instance>}
 */
export async function* firstReadingSeries(study, sizes) {
  const item = READING_CASES.find((c) => study.key === `reading/${c.name}/current`);
  const first = item?.firstReading;
  if (first === undefined) return;
  const { createBreastImagingReport, datasetFromDicomJson, datasetToDicomJson, writePart10 } =
    await loadLibrary();
  const views = mammogramViews(study, sizes);
  const [firstView] = views;
  if (firstView === undefined) return;
  const reading = {
    studyInstanceUid: study.uid,
    right: first.right,
    left: first.left,
    // The first reader judged every view adequate (the demo's badly positioned MLO included).
    views: views.map(({ dataset, laterality, view }) => ({
      image: {
        studyInstanceUid: study.uid,
        seriesInstanceUid: String(dataset.SeriesInstanceUID),
        sopClassUid: String(dataset.SOPClassUID),
        sopInstanceUid: String(dataset.SOPInstanceUID),
      },
      breast: laterality === 'L' ? 'left' : 'right',
      viewPosition: view,
      quality: 'adequate',
      reasons: [],
    })),
    findings: [],
    text: first.text ?? '',
    outcome: first.outcome,
  };
  const at = (/** @type {string} */ date, /** @type {string} */ time) =>
    // Local time on purpose: the writer writes local Content Date/Time, the same on every machine.
    new Date(
      Number(date.slice(0, 4)),
      Number(date.slice(4, 6)) - 1,
      Number(date.slice(6, 8)),
      Number(time.slice(0, 2)),
      Number(time.slice(2, 4)),
      Number(time.slice(4, 6)),
    );
  const report = createBreastImagingReport({
    reading: /** @type {import('../../src/dicom/breast-reading.js').ScreeningReading} */ (reading),
    patientStudy: datasetFromDicomJson(toDicomJson(firstView.dataset)),
    observer: FIRST_READER,
    language: 'fr',
    seriesInstanceUid: seriesUid(study, SR_SERIES.key),
    sopInstanceUid: instanceUid(study, SR_SERIES.key, 1),
    seriesNumber: SR_SERIES.number,
    instanceNumber: 1,
    contentDateTime: at(first.date, first.time),
  });
  yield {
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    // What the static tree needs to index it (study, series and instance attributes) …
    dataset: {
      ...seriesAttributes(study, SR_SERIES),
      SOPClassUID: COMPREHENSIVE_SR,
      SOPInstanceUID: instanceUid(study, SR_SERIES.key, 1),
      InstanceNumber: 1,
    },
    // … and the document itself, written by the library.
    metadata: datasetToDicomJson(report),
    part10: writePart10(report),
  };
}
