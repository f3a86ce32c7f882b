#!/usr/bin/env node
/**
 * Generates Courbaril's demo data: synthetic, anatomy-like DICOM for one
 * fictional patient (current and prior visits) and a screening reading list of
 * five fictional women (reading-list.mjs), written as Part 10 files and
 * as a static DICOMweb tree (see dicomweb-tree.mjs) for scripts/static-dicomweb.mjs.
 *
 *   node scripts/demo-data/generate.mjs [--out demo/data] [--small]
 *
 * --small keeps every study, series and attribute but shrinks the images
 * (12 CT slices of 64², 256×320 mammograms …) for tests. Output is
 * deterministic: same bytes on every run and machine.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DicomwebTreeWriter } from './dicomweb-tree.mjs';
import { writePart10 } from './part10-writer.mjs';
import { ctSeries, radiographSeries, ultrasoundSeries } from './series-images.mjs';
import { mammographySeries } from './series-mammography.mjs';
import { firstReadingSeries } from './series-readings.mjs';
import { reportSeries } from './series-reports.mjs';
import { CONSOLE_QC, consoleQcSeries } from './series-qc.mjs';
import { READING_CASES, readingStudies } from './reading-list.mjs';
import { imageSizes, PATIENT, STUDIES } from './study-plan.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const READING_STUDIES = readingStudies();

/**
 * The work, as [study, builder] names so that worker threads can rebuild it.
 * Jobs are split in three parts: both CTs, the demo patient's other studies, the reading list.
 */
const PLAN = /** @type {const} */ ([
  [
    ['currentCt', 'ct'],
    ['priorCt', 'ct'],
  ],
  [
    ['currentCr', 'cr'],
    ['currentCt', 'reports'],
    ['currentMg', 'mg'],
    ['currentUs', 'us'],
    ['priorMg', 'mg'],
    ['priorUs', 'us'],
    ['consoleQc', 'qc'],
  ],
  Object.keys(READING_STUDIES).flatMap((name) =>
    name.endsWith('Current')
      ? [
          [name, 'mg'],
          [name, 'firstReading'],
        ]
      : [[name, 'mg']],
  ),
]);
const BUILDERS = {
  ct: ctSeries,
  cr: radiographSeries,
  mg: mammographySeries,
  us: ultrasoundSeries,
  reports: reportSeries,
  qc: consoleQcSeries,
  firstReading: firstReadingSeries,
};
/** Studies of no patient: the console QC pattern, filed under its own QC identifier. */
const QC_STUDIES = { consoleQc: CONSOLE_QC };

/**
 * Writes the Part 10 files of one part of the plan; reports each instance for the tree.
 * @param {{ out: string, small: boolean, part: number }} job
 * @param {(entry: TreeEntry) => void} report
 */
async function writePart({ out, small, part }, report) {
  const sizes = imageSizes(small);
  for (const [studyName, builder] of PLAN[part] ?? []) {
    const study = STUDIES[studyName] ?? QC_STUDIES[studyName] ?? READING_STUDIES[studyName];
    for await (const instance of BUILDERS[builder](study, sizes)) {
      const { dataset, transferSyntaxUid, pixels, metadata, part10 } = instance;
      const file = part10
        ? { bytes: part10, frames: [] }
        : writePart10(dataset, transferSyntaxUid, pixels);
      const part10Path = join(
        out,
        'part10',
        String(dataset.StudyInstanceUID),
        String(dataset.SeriesInstanceUID),
        `${dataset.SOPInstanceUID}.dcm`,
      );
      mkdirSync(dirname(part10Path), { recursive: true });
      writeFileSync(part10Path, file.bytes);
      report({
        dataset,
        ...(metadata ? { metadata } : {}),
        transferSyntaxUid,
        part10Path,
        frames: file.frames,
        size: file.bytes.length,
      });
    }
  }
}

/**
 * @typedef {{ dataset: import('./part10-writer.mjs').DataSet, metadata?: import('./dicom-json.mjs').JsonDataSet,
 *   transferSyntaxUid: string, part10Path: string, frames: import('./part10-writer.mjs').ByteRange[],
 *   size: number }} TreeEntry
 */

/**
 * @param {{ out: string, small: boolean, threads?: boolean }} options threads: run the parts in
 *   worker threads (default), or one after the other on this thread
 * @returns {Promise<{ studies: number, instances: number, bytes: number, seconds: number }>}
 */
export async function generateDemoData({ out, small, threads = true }) {
  const started = performance.now();
  // Only our own sub-folders are cleared, never whatever else --out holds.
  for (const folder of ['part10', 'dicom-web'])
    rmSync(join(out, folder), { recursive: true, force: true });
  const tree = new DicomwebTreeWriter(join(out, 'dicom-web'));
  let instances = 0;
  let bytes = 0;
  // Each series is written by one part only, in order, so the tree is the same however the parts interleave.
  const report = (/** @type {TreeEntry} */ entry) => {
    tree.add(entry);
    instances++;
    bytes += entry.size;
  };
  await Promise.all(
    PLAN.map((_, part) =>
      threads ? inWorker({ out, small, part }, report) : writePart({ out, small, part }, report),
    ),
  );
  const studies = tree.finish();
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest(small), null, 2)}\n`);
  return { studies, instances, bytes, seconds: (performance.now() - started) / 1000 };
}

/**
 * @param {{ out: string, small: boolean, part: number }} job
 * @param {(entry: TreeEntry) => void} report
 */
function inWorker(job, report) {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.on('message', report);
    worker.on('error', reject);
    worker.on('exit', (code) =>
      code === 0
        ? resolvePromise(undefined)
        : reject(new Error(`demo-data worker exited with ${code}`)),
    );
  });
}

/** Named entry points into the data, so the demo and tests need not search for UIDs. */
function manifest(/** @type {boolean} */ small) {
  const studies = Object.fromEntries(
    Object.entries(STUDIES).map(([name, s]) => [
      name,
      {
        studyInstanceUid: s.uid,
        date: s.date,
        description: s.description,
        accessionNumber: s.accession,
      },
    ]),
  );
  return {
    description:
      'Courbaril demo data: synthetic phantoms for a fictional patient. Generated by scripts/demo-data/generate.mjs; do not edit.',
    small,
    patient: {
      patientId: PATIENT.PatientID,
      issuerOfPatientId: PATIENT.IssuerOfPatientID,
      patientName: PATIENT.PatientName,
    },
    studies,
    readingList: READING_CASES.map((item) => {
      const current = READING_STUDIES[`${item.name}Current`];
      const prior = READING_STUDIES[`${item.name}Prior`];
      return {
        name: item.name,
        patientId: item.patient.PatientID,
        patientName: item.patient.PatientName,
        current: { studyInstanceUid: current?.uid, accessionNumber: current?.accession },
        prior: prior ? { studyInstanceUid: prior.uid, accessionNumber: prior.accession } : null,
        firstReading: item.firstReading ?? null,
        technicallyInsufficient: item.anatomy.badPositioning ?? null,
        newMass: item.anatomy.mass ?? null,
      };
    }),
    consoleQc: {
      patientId: CONSOLE_QC.PatientID,
      studyInstanceUid: CONSOLE_QC.studyInstanceUid,
      seriesInstanceUid: CONSOLE_QC.seriesInstanceUid,
      sopInstanceUid: CONSOLE_QC.sopInstanceUid,
    },
    dicomwebRoot: 'dicom-web',
    part10Root: 'part10',
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: join(REPO_ROOT, 'demo', 'data') },
      small: { type: 'boolean', default: false },
    },
  });
  const out = resolve(values.out ?? '');
  const result = await generateDemoData({ out, small: values.small ?? false });
  const megabytes = (result.bytes / 1e6).toFixed(1);
  console.log(
    `demo-data: ${result.studies} studies, ${result.instances} instances, ${megabytes} MB in ${out} (${result.seconds.toFixed(1)} s)`,
  );
}

if (!isMainThread && workerData) {
  await writePart(workerData, (entry) => parentPort?.postMessage(entry));
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
