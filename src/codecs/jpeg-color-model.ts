import { DecodeError } from '../dicom/errors.js';

/** The colour model of a 3-component DCT JPEG codestream: coded as RGB, or as YCbCr. */
export type JpegColorModel = 'rgb' | 'ycbcr';

/** The codestream facts that say (or let libjpeg guess) how its three components were coded. */
export interface JpegColorMarkers {
  /** An APP0 JFIF segment: JFIF mandates YCbCr. */
  readonly jfif: boolean;
  /** The transform flag of a complete APP14 Adobe segment (0 none, 1 YCbCr), if there is one. */
  readonly adobeTransform: number | undefined;
  readonly componentIds: readonly number[];
  /** The second or third component is sampled less than the first (4:2:2, 4:2:0 …). */
  readonly chromaSubsampled: boolean;
}

// Adobe APP14 (Adobe TN 5116): "Adobe", version 100, flags0, flags1, transform 0 (no transform).
const ADOBE_RGB_SEGMENT = new Uint8Array([
  0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00,
]);
// JFIF APP0 (JFIF 1.02): version 1.01, no units, 1:1 density, no thumbnail.
const JFIF_SEGMENT = new Uint8Array([
  0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
  0x00, 0x00,
]);

/** Reads the APP0/APP14 markers and the frame header's component specifications, up to SOS. */
export function readJpegColorMarkers(bytes: Uint8Array, codec: string): JpegColorMarkers {
  let jfif = false;
  let adobeTransform: number | undefined;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    const marker = bytes[offset + 1] ?? 0;
    if (bytes[offset] !== 0xff) break;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    const data = offset + 4;
    if (marker === 0xe0 && length >= 7 && ascii(bytes, data, 5) === 'JFIF\0') jfif = true;
    // libjpeg only trusts an Adobe segment with all 12 data bytes (jdmarker.c APP14_DATA_LEN).
    if (marker === 0xee && length >= 14 && ascii(bytes, data, 5) === 'Adobe')
      adobeTransform = bytes[data + 11];
    if (marker >= 0xc0 && marker <= 0xc2) {
      const count = bytes[data + 5] ?? 0;
      const ids: number[] = [];
      const sampling: number[] = [];
      for (let i = 0; i < count; i += 1) {
        ids.push(bytes[data + 6 + 3 * i] ?? 0);
        const hv = bytes[data + 7 + 3 * i] ?? 0x11;
        sampling.push((hv >> 4) * (hv & 15));
      }
      const [first = 1, ...rest] = sampling;
      return {
        jfif,
        adobeTransform,
        componentIds: ids,
        chromaSubsampled: rest.some((s) => s < first),
      };
    }
    if (marker === 0xda || marker === 0xd9) break;
    offset = data + length - 2;
  }
  throw new DecodeError(`${codec}: no DCT frame header before the scan`);
}

/**
 * What the data set says was coded. PS3.5 8.2.1: the Photometric Interpretation describes the
 * compressed form, so RGB means no colour transform — unless the codestream itself proves
 * YCbCr: a JFIF marker (JFIF is YCbCr by definition), an Adobe marker with transform 1, or
 * subsampled chroma (only meaningful for YCbCr; old GDCM wrote RGB for its YCbCr 4:2:0
 * output, e.g. pydicom's SC_rgb_jpeg_lossy_gdcm.dcm).
 */
export function codedColorModel(
  photometricInterpretation: string,
  markers: JpegColorMarkers,
): JpegColorModel {
  if (photometricInterpretation !== 'RGB') return 'ycbcr';
  if (markers.jfif) return 'ycbcr';
  if (markers.adobeTransform !== undefined) return markers.adobeTransform === 0 ? 'rgb' : 'ycbcr';
  return markers.chromaSubsampled ? 'ycbcr' : 'rgb';
}

/** libjpeg's own guess (jdapimin.c default_decompress_parms): JFIF, then Adobe, then component IDs. */
export function libjpegColorModel(markers: JpegColorMarkers): JpegColorModel {
  if (markers.jfif) return 'ycbcr';
  if (markers.adobeTransform !== undefined) return markers.adobeTransform === 0 ? 'rgb' : 'ycbcr';
  const [a, b, c] = markers.componentIds;
  return a === 0x52 && b === 0x47 && c === 0x42 ? 'rgb' : 'ycbcr';
}

/**
 * The marker segment to insert after SOI so that libjpeg decodes with `model`: JFIF wins over
 * every other hint (YCbCr), and an Adobe segment with transform 0 wins over component IDs
 * (RGB). libjpeg-turbo's WASM build exposes no colour-space option, so the hint goes in the
 * codestream. Returns undefined when libjpeg already guesses right.
 */
export function colorModelHint(
  markers: JpegColorMarkers,
  model: JpegColorModel,
): Uint8Array | undefined {
  if (libjpegColorModel(markers) === model) return undefined;
  return model === 'rgb' ? ADOBE_RGB_SEGMENT : JFIF_SEGMENT;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
