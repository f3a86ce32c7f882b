/**
 * Digital Mammography X-Ray Image, For Presentation (PS3.3 A.26): the four screening views of a
 * study, headers per the IHE Mammography Image profile around the phantom's pixels
 * (phantom-mammo.mjs), JPEG 2000 lossless. The demo patient's and the reading list's women's.
 */
import { encodeJpeg2000Lossless } from './codecs.mjs';
import { renderMammogram } from './phantom-mammo.mjs';
import { JPEG_2000_LOSSLESS } from './series-images.mjs';
import { instanceUid, seriesAttributes } from './study-plan.mjs';

/**
 * @typedef {import('./study-plan.mjs').Study} Study
 * @typedef {import('./study-plan.mjs').ImageSizes} ImageSizes
 * @typedef {import('./part10-writer.mjs').DataSet} DataSet
 * @typedef {import('./series-images.mjs').Instance} Instance
 */

/** PS3.16 CID 4014 view codes (SNOMED-RT style values the brief and most archives use). */
const VIEW_CODES = {
  CC: { CodeValue: 'R-10242', CodingSchemeDesignator: 'SRT', CodeMeaning: 'cranio-caudal' },
  MLO: {
    CodeValue: 'R-10226',
    CodingSchemeDesignator: 'SRT',
    CodeMeaning: 'medio-lateral oblique',
  },
};
/** Rows then columns direction, IHE Mammography Image profile: chest wall on the posterior side. */
const MAMMO_ORIENTATION = {
  RCC: ['P', 'L'],
  LCC: ['A', 'R'],
  RMLO: ['P', 'FL'],
  LMLO: ['A', 'FR'],
};

/**
 * A 12-bit FOR PRESENTATION mammogram's view (ViewPosition, ViewCodeSequence, ImageLaterality,
 * PatientOrientation) and Image Pixel attributes: the demo's and the screening bench's alike.
 * @param {'R' | 'L'} laterality @param {'CC' | 'MLO'} view @param {number} rows @param {number} columns
 */
export function mammogramImageAttributes(laterality, view, rows, columns) {
  return {
    ViewPosition: view,
    ViewCodeSequence: [{ ...VIEW_CODES[view], ViewModifierCodeSequence: [] }],
    ImageLaterality: laterality,
    PatientOrientation: MAMMO_ORIENTATION[`${laterality}${view}`],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    PixelIntensityRelationship: 'LOG',
    PixelIntensityRelationshipSign: 1,
    WindowCenter: 2000,
    WindowWidth: 2800,
    RescaleIntercept: 0,
    RescaleSlope: 1,
    BurnedInAnnotation: 'NO',
    LossyImageCompression: '00',
  };
}

const MAMMO_VIEWS = /** @type {const} */ ([
  ['R', 'CC'],
  ['L', 'CC'],
  ['R', 'MLO'],
  ['L', 'MLO'],
]);

/**
 * Columns and rows of a study's mammograms: the reading list's are smaller (study-plan.mjs).
 * @param {Study} study @param {ImageSizes} sizes
 */
export function mammogramSize(study, sizes) {
  return study.anatomy
    ? { width: sizes.readingMgColumns, height: sizes.readingMgRows }
    : { width: sizes.mgColumns, height: sizes.mgRows };
}

/**
 * The pixels of mammogram n (1-based, in the order RCC, LCC, RMLO, LMLO).
 * @param {Study} study
 * @param {ImageSizes} sizes
 * @param {number} n
 */
export function mammogramPixels(study, sizes, n) {
  const [laterality, view] = MAMMO_VIEWS[n - 1] ?? MAMMO_VIEWS[0];
  const anatomy = study.anatomy;
  const current = study.visit === 'current';
  if (anatomy)
    // A woman of the reading list: her own breasts each round, this round's faults and findings.
    return renderMammogram({
      ...mammogramSize(study, sizes),
      laterality,
      view,
      anatomySeed: anatomy.anatomySeed + (laterality === 'L' ? 0 : 50),
      noiseSeed: anatomy.anatomySeed * 10 + (current ? 100 : 0) + n,
      calcificationCluster: false,
      glandularity: anatomy.glandularity,
      mass: current && anatomy.mass === laterality,
      badPositioning: current && anatomy.badPositioning === `${laterality}${view}`,
    });
  return renderMammogram({
    width: sizes.mgColumns,
    height: sizes.mgRows,
    laterality,
    view,
    anatomySeed: laterality === 'L' ? 4101 : 4202,
    noiseSeed: (current ? 9000 : 8000) + n,
    // The finding a second reader should catch: new microcalcifications, left breast, this year only.
    calcificationCluster: laterality === 'L' && current,
  });
}

/**
 * @param {Study} study
 * @param {ImageSizes} sizes
 * @returns {AsyncGenerator<Instance>}
 */
export async function* mammographySeries(study, sizes) {
  for (const { dataset, n } of mammogramViews(study, sizes)) {
    const { width, height } = mammogramSize(study, sizes);
    const pixels = mammogramPixels(study, sizes, n);
    yield {
      transferSyntaxUid: JPEG_2000_LOSSLESS,
      pixels: {
        kind: 'encapsulated',
        frames: [await encodeJpeg2000Lossless(pixels, width, height, 12)],
      },
      dataset,
    };
  }
}

/**
 * The four views' headers (no pixels), in the order RCC, LCC, RMLO, LMLO.
 * @param {Study} study
 * @param {ImageSizes} sizes
 * @returns {{ dataset: DataSet, laterality: 'L' | 'R', view: 'CC' | 'MLO', n: number }[]}
 */
export function mammogramViews(study, sizes) {
  const series = {
    key: 'mg',
    number: 1,
    modality: 'MG',
    bodyPart: 'BREAST',
    description: 'Mammographie de dépistage 4 incidences',
  };
  const common = seriesAttributes(study, series);
  const { width, height } = mammogramSize(study, sizes);
  const pixelSpacing = 0.1 * (2048 / width);
  return MAMMO_VIEWS.map(([laterality, view], index) => {
    const n = index + 1;
    return {
      laterality,
      view,
      n,
      dataset: {
        ...common,
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.1.2',
        SOPInstanceUID: instanceUid(study, series.key, n),
        ImageType: ['ORIGINAL', 'PRIMARY'],
        PresentationIntentType: 'FOR PRESENTATION',
        AcquisitionDate: study.date,
        ContentDate: study.date,
        ContentTime: study.time,
        KVP: 29,
        DistanceSourceToDetector: 660,
        DistanceSourceToPatient: 610,
        EstimatedRadiographicMagnificationFactor: 1.08,
        ImagerPixelSpacing: [pixelSpacing, pixelSpacing],
        BodyPartThickness: 52,
        CompressionForce: 110,
        AnatomicRegionSequence: [
          { CodeValue: 'T-04000', CodingSchemeDesignator: 'SRT', CodeMeaning: 'Breast' },
        ],
        InstanceNumber: n,
        ...mammogramImageAttributes(laterality, view, height, width),
      },
    };
  });
}
