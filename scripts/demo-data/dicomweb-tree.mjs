/**
 * Writes the static DICOMweb tree that scripts/static-dicomweb.mjs serves:
 *
 *   dicom-web/studies.json                                  QIDO-RS study results
 *   dicom-web/studies/{study}/series.json                   QIDO-RS series results
 *   dicom-web/studies/{study}/metadata.json                 WADO-RS study metadata
 *   dicom-web/studies/{study}/series/{series}/instances.json   QIDO-RS instance results
 *   dicom-web/studies/{study}/series/{series}/metadata.json    WADO-RS series metadata
 *   dicom-web/studies/{study}/series/{series}/instances/{sop}/metadata.json
 *   dicom-web/studies/{study}/series/{series}/instances/{sop}/frames.json
 *       { transferSyntaxUid, part10: "../part10/…dcm", frames: [[offset, length], …] }
 *
 * Frames are not copied: frames.json gives each frame's byte range inside the
 * Part 10 file (one fragment per frame), so the tree costs only its JSON.
 * URIs (RetrieveURL, BulkDataURI) are stored relative to the service root;
 * the middleware makes them absolute for the request's origin and prefix.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { toDicomJson } from './dicom-json.mjs';

/**
 * @typedef {import('./part10-writer.mjs').DataSet} DataSet
 * @typedef {import('./part10-writer.mjs').ByteRange} ByteRange
 * @typedef {import('./dicom-json.mjs').JsonDataSet} JsonDataSet
 */

/** Attributes QIDO-RS returns by default, PS3.18 Table 6.7.1-2 (study, series, instance levels). */
const STUDY_KEYS = [
  'SpecificCharacterSet',
  'StudyDate',
  'StudyTime',
  'AccessionNumber',
  'ReferringPhysicianName',
  'PatientName',
  'PatientID',
  'IssuerOfPatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyInstanceUID',
  'StudyID',
  'StudyDescription',
];
const SERIES_KEYS = [
  'Modality',
  'SeriesInstanceUID',
  'SeriesNumber',
  'SeriesDescription',
  'BodyPartExamined',
  'Laterality',
  'SeriesDate',
  'SeriesTime',
];
const INSTANCE_KEYS = [
  'SOPClassUID',
  'SOPInstanceUID',
  'InstanceNumber',
  'Rows',
  'Columns',
  'BitsAllocated',
  'NumberOfFrames',
];

/** @param {DataSet} dataset @param {string[]} keys */
function pick(dataset, keys) {
  return Object.fromEntries(keys.filter((k) => k in dataset).map((k) => [k, dataset[k]]));
}

function writeJson(/** @type {string} */ path, /** @type {unknown} */ value) {
  writeFileSync(path, JSON.stringify(value));
}

export class DicomwebTreeWriter {
  /** @type {Map<string, { study: DataSet, series: Map<string, { attributes: DataSet, instances: JsonDataSet[], qido: DataSet[] }> }>} */
  #studies = new Map();

  /** @param {string} root the dicom-web directory */
  constructor(root) {
    this.root = root;
  }

  /**
   * @param {{ dataset: DataSet, metadata?: JsonDataSet, transferSyntaxUid: string, part10Path: string,
   *   frames: ByteRange[] }} instance metadata: the instance's DICOM JSON when it was written
   *   elsewhere (then dataset holds only the attributes QIDO-RS returns)
   */
  add({ dataset, metadata, transferSyntaxUid, part10Path, frames }) {
    const studyUid = String(dataset.StudyInstanceUID);
    const seriesUid = String(dataset.SeriesInstanceUID);
    const sopUid = String(dataset.SOPInstanceUID);
    const seriesPath = `studies/${studyUid}/series/${seriesUid}`;
    const instancePath = `${seriesPath}/instances/${sopUid}`;
    const json = metadata ? { ...metadata } : toDicomJson(dataset);
    json['00020010'] = { vr: 'UI', Value: [transferSyntaxUid] };
    if (frames.length > 0) {
      const frameList = frames.map((_, i) => i + 1).join(',');
      // Part 10 pixel data is OB when encapsulated or 8-bit, OW when native 16-bit (PS3.5 A.1, A.4).
      const vr =
        transferSyntaxUid === '1.2.840.10008.1.2.1' && dataset.BitsAllocated === 16 ? 'OW' : 'OB';
      json['7FE00010'] = { vr, BulkDataURI: `${instancePath}/frames/${frameList}` };
    }
    const directory = join(this.root, instancePath);
    mkdirSync(directory, { recursive: true });
    writeJson(join(directory, 'metadata.json'), [json]);
    writeJson(join(directory, 'frames.json'), {
      transferSyntaxUid,
      part10: relative(this.root, part10Path).split('\\').join('/'),
      frames: frames.map((f) => [f.offset, f.length]),
    });

    let study = this.#studies.get(studyUid);
    if (!study) {
      study = { study: pick(dataset, STUDY_KEYS), series: new Map() };
      this.#studies.set(studyUid, study);
    }
    let series = study.series.get(seriesUid);
    if (!series) {
      series = { attributes: pick(dataset, SERIES_KEYS), instances: [], qido: [] };
      study.series.set(seriesUid, series);
    }
    series.instances.push(json);
    series.qido.push({
      ...pick(dataset, [
        'SpecificCharacterSet',
        'StudyInstanceUID',
        'SeriesInstanceUID',
        ...INSTANCE_KEYS,
      ]),
      InstanceAvailability: 'ONLINE',
      RetrieveURL: instancePath,
    });
  }

  /** Writes the QIDO-RS result files and the study/series metadata. */
  finish() {
    /** @type {JsonDataSet[]} */
    const studyResults = [];
    for (const [studyUid, { study, series }] of [...this.#studies].sort(byDateDescending)) {
      const studyPath = `studies/${studyUid}`;
      /** @type {JsonDataSet[]} */
      const seriesResults = [];
      /** @type {JsonDataSet[]} */
      const studyMetadata = [];
      let instanceCount = 0;
      const ordered = [...series].sort(
        (a, b) => Number(a[1].attributes.SeriesNumber) - Number(b[1].attributes.SeriesNumber),
      );
      for (const [seriesUid, { attributes, instances, qido }] of ordered) {
        const seriesPath = `${studyPath}/series/${seriesUid}`;
        instanceCount += instances.length;
        studyMetadata.push(...instances);
        writeJson(join(this.root, seriesPath, 'metadata.json'), instances);
        writeJson(join(this.root, seriesPath, 'instances.json'), qido.map(toDicomJson));
        seriesResults.push(
          toDicomJson({
            SpecificCharacterSet: study.SpecificCharacterSet,
            StudyInstanceUID: studyUid,
            ...attributes,
            Laterality: attributes.Laterality ?? null,
            NumberOfSeriesRelatedInstances: instances.length,
            InstanceAvailability: 'ONLINE',
            RetrieveURL: seriesPath,
          }),
        );
      }
      writeJson(join(this.root, studyPath, 'series.json'), seriesResults);
      writeJson(join(this.root, studyPath, 'metadata.json'), studyMetadata);
      const modalities = [...new Set(ordered.map(([, s]) => String(s.attributes.Modality)))];
      studyResults.push(
        toDicomJson({
          ...study,
          ModalitiesInStudy: modalities,
          NumberOfStudyRelatedSeries: series.size,
          NumberOfStudyRelatedInstances: instanceCount,
          InstanceAvailability: 'ONLINE',
          RetrieveURL: studyPath,
        }),
      );
    }
    writeJson(join(this.root, 'studies.json'), studyResults);
    return studyResults.length;
  }
}

/**
 * @param {[string, { study: DataSet }]} a
 * @param {[string, { study: DataSet }]} b
 */
function byDateDescending(a, b) {
  const key = (/** @type {DataSet} */ s) => `${s.StudyDate}${s.StudyTime}`;
  return key(b[1].study).localeCompare(key(a[1].study));
}
