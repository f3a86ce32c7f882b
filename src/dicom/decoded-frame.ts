/**
 * One decoded frame as `decodeFrame` returns it.
 *
 * Grayscale `pixels` hold the *stored values* (PS3.3 C.7.6.3.1): typed by Bits Allocated
 * and Pixel Representation, bits above Bits Stored masked off and sign-extended.
 * Modality/VOI LUTs are applied later, by `render/`.
 *
 * Colour `pixels` are interleaved 8-bit RGB (rows × columns × 3), whatever the
 * stored photometric interpretation (YBR_*, PALETTE COLOR, planar configuration 1):
 * `photometricInterpretation` is then `'RGB'`.
 */
export type GrayscalePixels =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

export interface DecodedFrame {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: 1 | 3;
  readonly bitsStored: number;
  readonly signed: boolean;
  readonly photometricInterpretation: string;
  readonly pixels: GrayscalePixels;
  /**
   * The codestream ended before its declared end (a JPEG 2000 / HTJ2K frame cut short) and the
   * codec decoded what was there: the image is incomplete and not for diagnosis. Absent on a
   * complete decode (false on a complete preview).
   */
  readonly partial?: boolean;
  /**
   * The pixels went through lossy compression (lossy-compression.ts: a lossy transfer syntax,
   * or Lossy Image Compression (0028,2110) "01"): labelled "lossy" wherever drawn. Absent when
   * not known to be lossy.
   */
  readonly lossy?: boolean;
}
