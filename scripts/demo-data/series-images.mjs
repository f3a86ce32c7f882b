/**
 * The image series of each study: headers per the IODs of PS3.3 (CT Image
 * A.3, US Multi-frame A.7, CR A.2; Digital Mammography A.26 in
 * series-mammography.mjs) around the phantoms' pixels, encoded with the codec
 * packages' WASM encoders.
 */
import { encodeJpegBaselineRgb, encodeJpegLsLossless } from './codecs.mjs';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './part10-writer.mjs';
import { createCtPhantom, LENGTH_MM } from './phantom-ct.mjs';
import { renderChestRadiograph } from './phantom-cr.mjs';
import { renderUltrasoundLoop } from './phantom-us.mjs';
import { instanceUid, seriesAttributes } from './study-plan.mjs';
import { uidFor } from './uid.mjs';

/**
 * @typedef {import('./study-plan.mjs').Study} Study
 * @typedef {import('./study-plan.mjs').ImageSizes} ImageSizes
 * @typedef {import('./part10-writer.mjs').DataSet} DataSet
 * @typedef {import('./part10-writer.mjs').Pixels} Pixels
 * @typedef {{ dataset: DataSet, transferSyntaxUid: string, pixels?: Pixels,
 *   metadata?: import('./dicom-json.mjs').JsonDataSet, part10?: Uint8Array }} Instance metadata and part10:
 *   a document written elsewhere (series-readings.mjs), dataset then only what indexes it
 */

export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
export const JPEG_2000_LOSSLESS = '1.2.840.10008.1.2.4.90';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

/** CT: stored value = HU + 1024 (Rescale Intercept -1024), signed 16-bit; outside the scan circle, padding. */
export const CT_PADDING = -2000;

/**
 * @param {Study} study
 * @param {ImageSizes} sizes
 * @returns {AsyncGenerator<Instance>}
 */
export async function* ctSeries(study, sizes) {
  const series = {
    key: 'ct',
    number: 2,
    modality: 'CT',
    bodyPart: 'CHESTABDPELVIS',
    description: 'Thorax-abdomen-pelvis 2.5 mm portal',
  };
  const common = seriesAttributes(study, series);
  const phantom = ctPhantomFor(study);
  const { size, spacing, step, origin } = ctGeometry(sizes);
  const frameOfReferenceUid = uidFor(`${study.key}/ct/frame-of-reference`);
  for (let n = 1; n <= sizes.ctSlices; n++) {
    const z = -(n - 1) * step;
    const stored = ctStoredPixels(phantom, sizes, n);
    yield {
      transferSyntaxUid: JPEG_LS_LOSSLESS,
      pixels: {
        kind: 'encapsulated',
        frames: [await encodeJpegLsLossless(stored, size, size, 16)],
      },
      dataset: {
        ...common,
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
        SOPInstanceUID: instanceUid(study, series.key, n),
        ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
        AcquisitionDate: study.date,
        ContentDate: study.date,
        ContentTime: study.time,
        KVP: 120,
        SliceThickness: step,
        SpacingBetweenSlices: step,
        DataCollectionDiameter: 500,
        ReconstructionDiameter: spacing * size,
        ConvolutionKernel: 'STANDARD',
        PatientPosition: 'HFS',
        AcquisitionNumber: 1,
        InstanceNumber: n,
        ImagePositionPatient: [origin, origin, z],
        ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
        FrameOfReferenceUID: frameOfReferenceUid,
        PositionReferenceIndicator: 'SN',
        SliceLocation: z,
        SamplesPerPixel: 1,
        PhotometricInterpretation: 'MONOCHROME2',
        Rows: size,
        Columns: size,
        PixelSpacing: [spacing, spacing],
        BitsAllocated: 16,
        BitsStored: 16,
        HighBit: 15,
        PixelRepresentation: 1,
        PixelPaddingValue: CT_PADDING,
        WindowCenter: [40, -600, 500],
        WindowWidth: [400, 1500, 1500],
        WindowCenterWidthExplanation: ['MEDIASTIN', 'POUMON', 'OS'],
        RescaleIntercept: -1024,
        RescaleSlope: 1,
        RescaleType: 'HU',
        LossyImageCompression: '00',
      },
    };
  }
}

/** @param {Study} study */
export function ctPhantomFor(study) {
  return createCtPhantom({
    seed: study.visit === 'current' ? 2026 : 2025,
    noduleDiameterMm: study.visit === 'current' ? 9 : 5,
  });
}

/** @param {ImageSizes} sizes */
export function ctGeometry(sizes) {
  const size = sizes.ctSize;
  const spacing = 0.7 * (512 / size); // same 358 mm field of view at any matrix
  return { size, spacing, step: LENGTH_MM / sizes.ctSlices, origin: -((size - 1) / 2) * spacing };
}

/**
 * The stored values of CT slice n (1-based): HU + 1024, padding outside the scan circle.
 * @param {ReturnType<typeof createCtPhantom>} phantom
 * @param {ImageSizes} sizes
 * @param {number} n
 */
export function ctStoredPixels(phantom, sizes, n) {
  const { size, spacing, step } = ctGeometry(sizes);
  const hu = phantom.slice(-(n - 1) * step, size, spacing);
  const stored = new Int16Array(hu.length);
  for (let i = 0; i < hu.length; i++) {
    const v = hu[i] ?? Number.NaN;
    stored[i] = Number.isNaN(v)
      ? CT_PADDING
      : Math.max(-1024, Math.min(3071, Math.round(v))) + 1024;
  }
  return stored;
}

/**
 * @param {Study} study
 * @param {ImageSizes} sizes
 * @returns {AsyncGenerator<Instance>}
 */
export async function* ultrasoundSeries(study, sizes) {
  const series = {
    key: 'us',
    number: 1,
    modality: 'US',
    bodyPart: 'ABDOMEN',
    description: 'Foie - Doppler couleur',
  };
  const { usWidth: width, usHeight: height, usFrames: frames } = sizes;
  const loop = renderUltrasoundLoop({
    width,
    height,
    frames,
    seed: study.visit === 'current' ? 31 : 30,
  });
  yield {
    transferSyntaxUid: JPEG_BASELINE,
    pixels: {
      kind: 'encapsulated',
      frames: await Promise.all(loop.map((rgb) => encodeJpegBaselineRgb(rgb, width, height, 90))),
    },
    dataset: {
      ...seriesAttributes(study, series),
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.3.1',
      SOPInstanceUID: instanceUid(study, series.key, 1),
      ImageType: ['ORIGINAL', 'PRIMARY', 'ABDOMINAL'],
      ContentDate: study.date,
      ContentTime: study.time,
      InstanceNumber: 1,
      SamplesPerPixel: 3,
      PhotometricInterpretation: 'YBR_FULL_422', // PS3.5 §8.2.1: what JPEG baseline 4:2:2 holds
      PlanarConfiguration: 0,
      NumberOfFrames: frames,
      FrameTime: 66.7,
      FrameIncrementPointer: 0x00181063,
      Rows: height,
      Columns: width,
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
      PixelRepresentation: 0,
      BurnedInAnnotation: 'NO',
      LossyImageCompression: '01',
    },
  };
}

/**
 * Chest radiograph, uncompressed: the first image a viewer should show right.
 * MONOCHROME1 with a non-identity rescale, so a viewer that skips either shows it wrong.
 * @param {Study} study
 * @param {ImageSizes} sizes
 * @returns {AsyncGenerator<Instance>}
 */
export async function* radiographSeries(study, sizes) {
  const series = {
    key: 'cr',
    number: 1,
    modality: 'CR',
    bodyPart: 'CHEST',
    description: 'Thorax face PA',
  };
  const { crColumns: width, crRows: height } = sizes;
  const spacing = 0.25 * (1400 / width);
  const attenuation = renderChestRadiograph({ width, height, spacing, seed: 55 });
  const stored = new Uint16Array(width * height);
  // Output value = 0.5 × stored + 1000 = 3000 − 1800 × attenuation: high where the beam got through (dark, MONOCHROME1).
  for (let i = 0; i < stored.length; i++)
    stored[i] = Math.max(0, Math.min(4095, Math.round(4000 - 3600 * (attenuation[i] ?? 0))));
  yield {
    transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
    pixels: {
      kind: 'native',
      bytes: new Uint8Array(stored.buffer),
      frameLength: stored.byteLength,
    },
    dataset: {
      ...seriesAttributes(study, series),
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.1',
      SOPInstanceUID: instanceUid(study, series.key, 1),
      ImageType: ['ORIGINAL', 'PRIMARY'],
      ContentDate: study.date,
      ContentTime: study.time,
      KVP: 125,
      DistanceSourceToDetector: 1800,
      ImagerPixelSpacing: [spacing, spacing],
      ViewPosition: 'PA',
      PatientOrientation: ['L', 'F'],
      InstanceNumber: 1,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME1',
      Rows: height,
      Columns: width,
      BitsAllocated: 16,
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 0,
      WindowCenter: 2250,
      WindowWidth: 1700,
      RescaleIntercept: 1000,
      RescaleSlope: 0.5,
      RescaleType: 'US',
      BurnedInAnnotation: 'NO',
      LossyImageCompression: '00',
    },
  };
}
