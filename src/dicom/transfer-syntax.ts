import { UnsupportedTransferSyntaxError } from './errors.js';

/**
 * The one table of transfer syntaxes (PS3.5 §10 and Annex A, names and UIDs from PS3.6 Annex A,
 * WADO-RS media types from PS3.18 Table 8.7.3-5). The parser, the codec registry, the decode
 * workers and the DICOMweb client all read it; every other view (by UID, by media type, the
 * decodable and progressive sets) is derived below, so a syntax is added in one place.
 */

/** Our name for each transfer syntax we know; the registry must have an entry for each. */
export type TransferSyntaxId =
  | 'ImplicitVrLittleEndian'
  | 'ExplicitVrLittleEndian'
  | 'DeflatedExplicitVrLittleEndian'
  | 'ExplicitVrBigEndian'
  | 'RleLossless'
  | 'DeflatedImageFrame'
  | 'JpegBaseline'
  | 'JpegExtended'
  | 'JpegLossless'
  | 'JpegLosslessSv1'
  | 'JpegLsLossless'
  | 'JpegLsNearLossless'
  | 'Jpeg2000Lossless'
  | 'Jpeg2000'
  | 'Jpeg2000Part2Lossless'
  | 'Jpeg2000Part2'
  | 'Htj2kLossless'
  | 'Htj2kLosslessRpcl'
  | 'Htj2k';

/** The decoder families of src/codecs/ (one file each); the codec registry maps every one. */
export type CodecFamily =
  | 'native'
  | 'rle'
  | 'deflate-frame'
  | 'jpeg-baseline'
  | 'jpeg-extended'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg2000'
  | 'htj2k';

export interface TransferSyntaxInfo {
  readonly uid: string;
  /** The PS3.6 Annex A name. */
  readonly name: string;
  /** Pixel data in fragments (PS3.5 A.4) rather than native (PS3.5 8.1.1). */
  readonly encapsulated: boolean;
  /** Byte order of the data set (PS3.5 7.3); all but the retired big endian syntax are little. */
  readonly littleEndian: boolean;
  /** VR written in each element (PS3.5 7.1.2) or looked up in the dictionary (7.1.3). */
  readonly explicitVr: boolean;
  /** The whole data set after the meta header is deflated (PS3.5 A.5). */
  readonly deflated: boolean;
  /** The syntax allows irreversible compression (a "Lossless Only" syntax does not). */
  readonly lossy: boolean;
  /** The decoder family that decodes its frames; `undefined` when Courbaril cannot. */
  readonly codec: CodecFamily | undefined;
  /** The media type of its frames in WADO-RS (PS3.18 Table 8.7.3-5); `undefined` when none is given. */
  readonly mediaType: string | undefined;
  /** The syntax a part of `mediaType` is in when it carries no `transfer-syntax` parameter (the table's "D"). */
  readonly defaultForMediaType: boolean;
  /** Resolution-scalable: a preview decodes from the first bytes of a frame (JPEG 2000 family). */
  readonly progressive: boolean;
}

const native = {
  encapsulated: false,
  littleEndian: true,
  explicitVr: true,
  deflated: false,
  lossy: false,
  codec: 'native',
  mediaType: 'application/octet-stream',
  defaultForMediaType: false,
  progressive: false,
} as const;

/** Encapsulated syntaxes are explicit VR little endian apart from their pixel data (PS3.5 A.4). */
const encapsulated = {
  encapsulated: true,
  littleEndian: true,
  explicitVr: true,
  deflated: false,
  lossy: false,
  defaultForMediaType: false,
  progressive: false,
} as const;

export const TRANSFER_SYNTAXES = {
  ImplicitVrLittleEndian: {
    ...native,
    uid: '1.2.840.10008.1.2',
    name: 'Implicit VR Little Endian',
    explicitVr: false,
  },
  ExplicitVrLittleEndian: {
    ...native,
    uid: '1.2.840.10008.1.2.1',
    name: 'Explicit VR Little Endian',
    defaultForMediaType: true,
  },
  DeflatedExplicitVrLittleEndian: {
    ...native,
    uid: '1.2.840.10008.1.2.1.99',
    name: 'Deflated Explicit VR Little Endian',
    deflated: true,
  },
  ExplicitVrBigEndian: {
    ...native,
    uid: '1.2.840.10008.1.2.2',
    name: 'Explicit VR Big Endian',
    littleEndian: false,
  },
  RleLossless: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.5',
    name: 'RLE Lossless',
    codec: 'rle',
    mediaType: 'image/dicom-rle',
    defaultForMediaType: true,
  },
  DeflatedImageFrame: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.8.1',
    name: 'Deflated Image Frame Compression',
    codec: 'deflate-frame',
    // No media type of its own: its frames come as application/octet-stream with the UID as parameter.
    mediaType: undefined,
  },
  JpegBaseline: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.50',
    name: 'JPEG Baseline (Process 1)',
    lossy: true,
    codec: 'jpeg-baseline',
    mediaType: 'image/jpeg',
  },
  JpegExtended: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.51',
    name: 'JPEG Extended (Process 2 & 4)',
    lossy: true,
    codec: 'jpeg-extended',
    mediaType: 'image/jpeg',
  },
  JpegLossless: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.57',
    name: 'JPEG Lossless, Non-Hierarchical (Process 14)',
    codec: 'jpeg-lossless',
    mediaType: 'image/jpeg',
  },
  JpegLosslessSv1: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.70',
    name: 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
    codec: 'jpeg-lossless',
    mediaType: 'image/jpeg',
    defaultForMediaType: true,
  },
  JpegLsLossless: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.80',
    name: 'JPEG-LS Lossless Image Compression',
    codec: 'jpeg-ls',
    mediaType: 'image/jls',
    defaultForMediaType: true,
  },
  JpegLsNearLossless: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.81',
    name: 'JPEG-LS Lossy (Near-Lossless) Image Compression',
    lossy: true,
    codec: 'jpeg-ls',
    mediaType: 'image/jls',
  },
  Jpeg2000Lossless: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.90',
    name: 'JPEG 2000 Image Compression (Lossless Only)',
    codec: 'jpeg2000',
    mediaType: 'image/jp2',
    defaultForMediaType: true,
    progressive: true,
  },
  Jpeg2000: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.91',
    name: 'JPEG 2000 Image Compression',
    lossy: true,
    codec: 'jpeg2000',
    mediaType: 'image/jp2',
    progressive: true,
  },
  // Part 2 multi-component transforms (ISO/IEC 15444-2): known, so a server's label is understood,
  // but not decoded (OpenJPEG's Part 1 decoder would show wrong colours).
  Jpeg2000Part2Lossless: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.92',
    name: 'JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)',
    codec: undefined,
    mediaType: 'image/jpx',
    defaultForMediaType: true,
  },
  Jpeg2000Part2: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.93',
    name: 'JPEG 2000 Part 2 Multi-component Image Compression',
    lossy: true,
    codec: undefined,
    mediaType: 'image/jpx',
  },
  Htj2kLossless: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.201',
    name: 'High-Throughput JPEG 2000 Image Compression (Lossless Only)',
    codec: 'htj2k',
    mediaType: 'image/jphc',
    defaultForMediaType: true,
    progressive: true,
  },
  Htj2kLosslessRpcl: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.202',
    name: 'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)',
    codec: 'htj2k',
    mediaType: 'image/jphc',
    progressive: true,
  },
  Htj2k: {
    ...encapsulated,
    uid: '1.2.840.10008.1.2.4.203',
    name: 'High-Throughput JPEG 2000 Image Compression',
    lossy: true,
    codec: 'htj2k',
    mediaType: 'image/jphc',
    progressive: true,
  },
} as const satisfies Record<TransferSyntaxId, TransferSyntaxInfo>;

type Registry = typeof TRANSFER_SYNTAXES;

/**
 * The UID of each transfer syntax by name, e.g. `TransferSyntax.JpegLsLossless`
 * ('1.2.840.10008.1.2.4.80'). Public API; `isTransferSyntaxSupported` says which ones decode.
 */
export const TransferSyntax = Object.fromEntries(
  Object.entries(TRANSFER_SYNTAXES).map(([id, info]) => [id, info.uid]),
) as { readonly [K in TransferSyntaxId]: Registry[K]['uid'] };

const byUid: ReadonlyMap<string, TransferSyntaxInfo> = new Map(
  Object.values(TRANSFER_SYNTAXES).map((info: TransferSyntaxInfo) => [info.uid, info]),
);

/** UIDs may arrive with DICOM's trailing NUL/space padding (PS3.5 9.1). */
export function normalizeUid(uid: string): string {
  return uid.replace(/[\0\s]+$/g, '').trim();
}

/** The registry entry of a UID (padding ignored), or `undefined` for private and unknown UIDs. */
export function transferSyntaxInfo(transferSyntaxUid: string): TransferSyntaxInfo | undefined {
  return byUid.get(normalizeUid(transferSyntaxUid));
}

/** True when `decodeFrame` can decode this transfer syntax; video (MPEG-2, MPEG-4, HEVC) and unknown UIDs are not. */
export function isTransferSyntaxSupported(transferSyntaxUid: string): boolean {
  return transferSyntaxInfo(transferSyntaxUid)?.codec !== undefined;
}

/** The decodable entry of a UID; throws UnsupportedTransferSyntaxError for any other. */
export function decodableTransferSyntax(
  transferSyntaxUid: string,
): TransferSyntaxInfo & { readonly codec: CodecFamily } {
  const info = transferSyntaxInfo(transferSyntaxUid);
  if (info?.codec === undefined)
    throw new UnsupportedTransferSyntaxError(normalizeUid(transferSyntaxUid));
  return { ...info, codec: info.codec };
}

export function assertTransferSyntaxSupported(transferSyntaxUid: string): void {
  decodableTransferSyntax(transferSyntaxUid);
}

/** How the data set after the meta header is encoded. */
export interface DatasetEncoding {
  readonly explicitVr: boolean;
  readonly littleEndian: boolean;
}

/**
 * PS3.5 §10: every transfer syntax other than implicit VR LE and explicit VR BE is explicit VR
 * little endian for the data set (compressed ones differ only in their pixel data), so an unknown,
 * private UID is read that way too; `decodeFrame` is where it is refused.
 */
export function encodingOf(transferSyntaxUid: string): DatasetEncoding {
  const { explicitVr, littleEndian } =
    transferSyntaxInfo(transferSyntaxUid) ?? TRANSFER_SYNTAXES.ExplicitVrLittleEndian;
  return { explicitVr, littleEndian };
}

/** The data set is deflated as a whole (PS3.5 A.5) and must be inflated before it is read. */
export function isDeflatedDataset(transferSyntaxUid: string): boolean {
  return transferSyntaxInfo(transferSyntaxUid)?.deflated === true;
}

/** The syntax a WADO-RS part of this media type is in when it names none (PS3.18 Table 8.7.3-5). */
export function defaultTransferSyntaxOf(mediaType: string): TransferSyntaxInfo | undefined {
  return Object.values(TRANSFER_SYNTAXES).find(
    (info: TransferSyntaxInfo) => info.defaultForMediaType && info.mediaType === mediaType,
  );
}

/** True for syntaxes whose frames a preview can decode from their first bytes. */
export function isProgressiveTransferSyntax(transferSyntaxUid: string): boolean {
  return transferSyntaxInfo(transferSyntaxUid)?.progressive === true;
}
