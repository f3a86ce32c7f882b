/** The demo's current screening mammogram as Orthanc holds it, and a reading of it. */
import type { ImageReference, ScreeningReading } from '../../src/dicom/breast-reading.js';
import type { DicomDataset } from '../../src/dicom/dataset.js';
import { datasetFromDicomJson } from '../../src/dicom/json-dataset.js';
import * as tags from '../../src/dicom/tags.js';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { ORTHANC } from '../dicomweb/dicomweb-fixtures.js';
import { manifest } from '../viewer/viewer-harness.js';

export const client = new DicomwebClient({ url: ORTHANC });

export interface MammoCase {
  readonly studyInstanceUid: string;
  /** "RCC", "LMLO" … → the image and its data set (WADO-RS metadata). */
  readonly views: ReadonlyMap<string, { image: ImageReference; dataset: DicomDataset }>;
}

export async function currentMammogram(): Promise<MammoCase> {
  const demo = await manifest();
  const studyInstanceUid = demo.studies.currentMg.studyInstanceUid;
  const metadata = await client.retrieveStudyMetadata(studyInstanceUid);
  const views = new Map<string, { image: ImageReference; dataset: DicomDataset }>();
  for (const json of metadata) {
    const dataset = datasetFromDicomJson(json);
    const key = `${dataset.string(tags.ImageLaterality) ?? ''}${dataset.string(tags.ViewPosition) ?? ''}`;
    views.set(key, {
      dataset,
      image: {
        studyInstanceUid,
        seriesInstanceUid: dataset.string(tags.SeriesInstanceUID) ?? '',
        sopClassUid: dataset.string(tags.SOPClassUID) ?? '',
        sopInstanceUid: dataset.string(tags.SOPInstanceUID) ?? '',
      },
    });
  }
  return { studyInstanceUid, views };
}

export function view(
  mammo: MammoCase,
  key: 'RCC' | 'LCC' | 'RMLO' | 'LMLO',
): { image: ImageReference; dataset: DicomDataset } {
  const found = mammo.views.get(key);
  if (found === undefined) throw new Error(`no ${key} in the demo mammogram`);
  return found;
}

/** A second reader's reading: a left mass marked on two views, the right MLO insufficient. */
export function sampleReading(mammo: MammoCase): ScreeningReading {
  return {
    studyInstanceUid: mammo.studyInstanceUid,
    right: { acr: 1, composition: 'B' },
    left: { acr: 4, composition: 'C' },
    views: [
      {
        image: view(mammo, 'RCC').image,
        breast: 'right',
        viewPosition: 'CC',
        quality: 'adequate',
        reasons: [],
      },
      {
        image: view(mammo, 'RMLO').image,
        breast: 'right',
        viewPosition: 'MLO',
        quality: 'insufficient',
        reasons: ['positioning', 'motion'],
      },
      {
        image: view(mammo, 'LCC').image,
        breast: 'left',
        viewPosition: 'CC',
        quality: 'adequate',
        reasons: [],
      },
      {
        image: view(mammo, 'LMLO').image,
        breast: 'left',
        viewPosition: 'MLO',
        quality: 'adequate',
        reasons: [],
      },
    ],
    findings: [
      {
        type: 'mass',
        breast: 'left',
        quadrant: 'upper-outer',
        clock: 2,
        marks: [
          {
            image: view(mammo, 'LCC').image,
            shape: 'ellipse',
            points: [
              [100.5, 200],
              [140.5, 200],
              [120.5, 185],
              [120.5, 215],
            ],
          },
          { image: view(mammo, 'LMLO').image, shape: 'point', points: [[310.25, 122.75]] },
        ],
      },
    ],
    text: 'Masse QSE gauche <b>à revoir</b>',
    outcome: 'recall-imaging',
  };
}
