/**
 * The one data model of Courbaril: a DICOM data set read from Part 10 bytes
 * (`parseDicom`) or from DICOM JSON (PS3.18 F.2, as QIDO-RS / WADO-RS metadata
 * return it). Everything above `dicom/` sees only this interface, never the
 * encoding it came from.
 *
 * Tags are numbers `0xGGGGEEEE` (see `tags.ts` for named constants).
 */

/** Value Representations, PS3.5 §6.2. */
export type Vr =
  | 'AE'
  | 'AS'
  | 'AT'
  | 'CS'
  | 'DA'
  | 'DS'
  | 'DT'
  | 'FD'
  | 'FL'
  | 'IS'
  | 'LO'
  | 'LT'
  | 'OB'
  | 'OD'
  | 'OF'
  | 'OL'
  | 'OV'
  | 'OW'
  | 'PN'
  | 'SH'
  | 'SL'
  | 'SQ'
  | 'SS'
  | 'ST'
  | 'SV'
  | 'TM'
  | 'UC'
  | 'UI'
  | 'UL'
  | 'UN'
  | 'UR'
  | 'US'
  | 'UT'
  | 'UV';

/** One frame's bytes as stored: compressed codestream (fragments joined) or native pixels. */
export interface EncodedFrame {
  readonly bytes: Uint8Array;
  /** Transfer syntax of these bytes (may differ from the data set's when a server transcoded). */
  readonly transferSyntaxUid: string;
}

export interface FrameRequestOptions {
  readonly signal?: AbortSignal;
  /** Lower is more urgent. 0 = the frame on screen. */
  readonly priority?: number;
}

/** Where a data set's pixel frames come from: the Part 10 buffer, or a DICOMweb server (lazily). */
export interface PixelDataSource {
  readonly frameCount: number;
  frame(index: number, options?: FrameRequestOptions): Promise<EncodedFrame>;
}

export interface DicomDataset {
  /** Tags present at this level, ascending. */
  tags(): number[];
  has(tag: number): boolean;
  vr(tag: number): Vr | undefined;
  /** First value as text, trimmed of DICOM padding; PN as its alphabetic form; decoded per Specific Character Set. */
  string(tag: number): string | undefined;
  /** All values (backslash-separated for strings). */
  strings(tag: number): string[];
  /** First value as a number: binary numerics (US, SS, UL, SL, FL, FD, SV, UV), IS, DS. */
  number(tag: number): number | undefined;
  numbers(tag: number): number[];
  /** Items of a sequence (empty array when absent). */
  sequence(tag: number): DicomDataset[];
  /**
   * Raw value bytes, little endian whatever the transfer syntax (OB, OW, OF, UN, LUT data …).
   * For DICOM JSON: InlineBinary decoded; undefined for BulkDataURI values not yet fetched.
   */
  bytes(tag: number): Uint8Array | undefined;
  /** Transfer syntax of the pixel data (the meta header's (0002,0010), or the server's for DICOMweb). */
  readonly transferSyntaxUid: string;
  /** Pixel frames, when the data set has Pixel Data (7FE0,0010) or Float/Double Float Pixel Data. */
  readonly pixelData: PixelDataSource | undefined;
}
