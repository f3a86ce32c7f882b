// The screening bench cases, made once under bench/.tmp/screening (never committed): two fictional
// women, each with a current and a prior four-view screening mammogram (RCC, LCC, RMLO, LMLO),
// 12-bit MONOCHROME2 drawn by the demo phantom (scripts/demo-data/phantom-mammo.mjs): current
// views 3328×4096 (a 24×30 cm detector), prior views 2560×3328 (an older, smaller one).
// Each view is coded twice, lossless, by Debian's native encoders:
//   j2k    JPEG 2000 (opj_compress, reversible 5/3, 6 resolution levels, LRCP, one layer:
//          resolution-progressive, the coarse levels first), 1.2.840.10008.1.2.4.90;
//   htj2k  HTJ2K (ojph_compress, reversible, 5 decompositions, its default RPCL order),
//          1.2.840.10008.1.2.4.201.
// For each codec: Part 10 files (uploaded to Orthanc by run.mjs) and a static DICOMweb tree over
// them (scripts/static-dicomweb.mjs serves single frames with HTTP byte ranges).
// Case B has the same pixels as case A under other UIDs: it is the "next case" of the reading list.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DicomwebTreeWriter } from '../../scripts/demo-data/dicomweb-tree.mjs';
import { writePart10 } from '../../scripts/demo-data/part10-writer.mjs';
import { renderMammogram } from '../../scripts/demo-data/phantom-mammo.mjs';
import { mammogramImageAttributes } from '../../scripts/demo-data/series-mammography.mjs';

export const OUT = 'bench/.tmp/screening';
const VERSION = 1;
const ROOT = '1.2.826.0.1.3680043.10.1003.';

export const CODECS = /** @type {const} */ ({
  j2k: { transferSyntaxUid: '1.2.840.10008.1.2.4.90', label: 'JPEG 2000 lossless' },
  htj2k: { transferSyntaxUid: '1.2.840.10008.1.2.4.201', label: 'HTJ2K lossless' },
});
const VISITS = /** @type {const} */ ([
  { visit: 'current', date: '20260310', columns: 3328, rows: 4096, spacing: 0.07 },
  { visit: 'prior', date: '20240305', columns: 2560, rows: 3328, spacing: 0.094 },
]);
const VIEWS = /** @type {const} */ ([
  ['R', 'CC'],
  ['L', 'CC'],
  ['R', 'MLO'],
  ['L', 'MLO'],
]);

/**
 * @typedef {{ patientId: string, studies: { studyInstanceUid: string, visit: string }[] }} BenchCase
 * @typedef {{ version: number, cases: BenchCase[], bytes: Record<string, Record<string, number>>,
 *   views: { visit: string, columns: number, rows: number }[] }} Manifest
 * @returns {Manifest}
 */
export function ensureScreeningCases() {
  const manifestPath = `${OUT}/manifest.json`;
  if (existsSync(manifestPath)) {
    const parsed = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (parsed.version === VERSION) return parsed;
  }
  rmSync(OUT, { recursive: true, force: true });
  const work = path.join(OUT, 'work');
  mkdirSync(work, { recursive: true });
  /** @type {Record<string, Record<string, number>>} codec → case → compressed frame bytes */
  const bytes = { j2k: {}, htj2k: {} };
  /** @type {Record<string, DicomwebTreeWriter>} */
  const trees = {};
  for (const codec of Object.keys(CODECS))
    trees[codec] = new DicomwebTreeWriter(path.join(OUT, codec, 'dicom-web'));
  /** @type {Record<string, Record<string, Uint8Array>>} view key → codec → codestream */
  const codestreams = {};
  for (const { visit, columns, rows } of VISITS) {
    for (const [laterality, view] of VIEWS) {
      const pixels = renderMammogram({
        width: columns,
        height: rows,
        laterality,
        view,
        anatomySeed: laterality === 'L' ? 4101 : 4202,
        noiseSeed:
          (visit === 'current' ? 9000 : 8000) +
          VIEWS.findIndex((v) => v[0] === laterality && v[1] === view),
        calcificationCluster: laterality === 'L' && visit === 'current',
      });
      const pgm = path.join(work, 'view.pgm');
      const big = Buffer.alloc(pixels.length * 2);
      for (let i = 0; i < pixels.length; i++) big.writeUInt16BE(pixels[i] ?? 0, i * 2);
      writeFileSync(pgm, Buffer.concat([Buffer.from(`P5\n${columns} ${rows}\n4095\n`), big]));
      const j2k = path.join(work, 'view.j2k');
      const jph = path.join(work, 'view.jph');
      run('opj_compress', ['-i', pgm, '-o', j2k, '-n', '6']);
      run('ojph_compress', ['-i', pgm, '-o', jph, '-reversible', 'true', '-num_decomps', '5']);
      codestreams[`${visit}/${laterality}${view}`] = {
        j2k: new Uint8Array(readFileSync(j2k)),
        htj2k: new Uint8Array(readFileSync(jph)),
      };
      console.log(`screening bench data: ${visit} ${laterality}${view} ${columns}×${rows} coded`);
    }
  }
  /** @type {BenchCase[]} */
  const cases = [];
  for (const [caseIndex, letter] of ['A', 'B'].entries()) {
    const patientId = `CB-SCREEN-${letter}`;
    /** @type {BenchCase} */
    const benchCase = { patientId, studies: [] };
    for (const [visitIndex, { visit, date, columns, rows, spacing }] of VISITS.entries()) {
      const studyInstanceUid = `${ROOT}${caseIndex + 1}.${visitIndex + 1}`;
      benchCase.studies.push({ studyInstanceUid, visit });
      for (const [viewIndex, [laterality, view]] of VIEWS.entries()) {
        const sop = `${studyInstanceUid}.1.${viewIndex + 1}`;
        const dataset = {
          SpecificCharacterSet: 'ISO_IR 192',
          PatientName: `Banc^Dépistage ${letter}`,
          PatientID: patientId,
          PatientBirthDate: '19650412',
          PatientSex: 'F',
          StudyInstanceUID: studyInstanceUid,
          StudyDate: date,
          StudyTime: '093000',
          AccessionNumber: `SCR${caseIndex + 1}${visitIndex + 1}`,
          StudyID: '1',
          StudyDescription: 'Mammographie de dépistage',
          ReferringPhysicianName: '',
          Modality: 'MG',
          SeriesInstanceUID: `${studyInstanceUid}.1`,
          SeriesNumber: 1,
          SeriesDescription: 'Mammographie 4 incidences',
          BodyPartExamined: 'BREAST',
          SeriesDate: date,
          SeriesTime: '093000',
          SOPClassUID: '1.2.840.10008.5.1.4.1.1.1.2',
          SOPInstanceUID: sop,
          ImageType: ['ORIGINAL', 'PRIMARY'],
          PresentationIntentType: 'FOR PRESENTATION',
          ContentDate: date,
          ContentTime: '093000',
          ImagerPixelSpacing: [spacing, spacing],
          EstimatedRadiographicMagnificationFactor: 1.08,
          InstanceNumber: viewIndex + 1,
          ...mammogramImageAttributes(laterality, view, rows, columns),
        };
        for (const [codec, { transferSyntaxUid }] of Object.entries(CODECS)) {
          const codestream = codestreams[`${visit}/${laterality}${view}`]?.[codec];
          if (!codestream) throw new Error('missing codestream');
          const file = writePart10(dataset, transferSyntaxUid, {
            kind: 'encapsulated',
            frames: [codestream],
          });
          const part10Path = path.join(OUT, codec, 'part10', patientId, `${sop}.dcm`);
          mkdirSync(path.dirname(part10Path), { recursive: true });
          writeFileSync(part10Path, file.bytes);
          trees[codec]?.add({ dataset, transferSyntaxUid, part10Path, frames: file.frames });
          bytes[codec][patientId] = (bytes[codec][patientId] ?? 0) + codestream.byteLength;
        }
      }
    }
    cases.push(benchCase);
  }
  for (const tree of Object.values(trees)) tree.finish();
  rmSync(work, { recursive: true, force: true });
  /** @type {Manifest} */
  const manifest = {
    version: VERSION,
    cases,
    bytes,
    views: VISITS.map(({ visit, columns, rows }) => ({ visit, columns, rows })),
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return manifest;
}

/** @param {string} program @param {string[]} args */
function run(program, args) {
  const result = spawnSync(program, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${program} failed (${result.status})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(ensureScreeningCases().bytes));
}
