/** Transfer syntax UIDs (PS3.5 §10 and Annex A) that change how a data set is read. */
export const ImplicitVrLittleEndian = '1.2.840.10008.1.2';
export const ExplicitVrLittleEndian = '1.2.840.10008.1.2.1';
export const DeflatedExplicitVrLittleEndian = '1.2.840.10008.1.2.1.99';
export const ExplicitVrBigEndian = '1.2.840.10008.1.2.2';

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
  if (transferSyntaxUid === ImplicitVrLittleEndian)
    return { explicitVr: false, littleEndian: true };
  if (transferSyntaxUid === ExplicitVrBigEndian) return { explicitVr: true, littleEndian: false };
  return { explicitVr: true, littleEndian: true };
}

/** Native (not encapsulated) pixel data: the three uncompressed syntaxes and deflate. */
export function isNativeTransferSyntax(transferSyntaxUid: string): boolean {
  return (
    transferSyntaxUid === ImplicitVrLittleEndian ||
    transferSyntaxUid === ExplicitVrLittleEndian ||
    transferSyntaxUid === DeflatedExplicitVrLittleEndian ||
    transferSyntaxUid === ExplicitVrBigEndian
  );
}
