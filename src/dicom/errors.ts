/**
 * Typed errors. Messages never carry patient data: they name tags, offsets,
 * UIDs of transfer syntaxes and sizes, never values read from the data set's text.
 */
export class CourbarilError extends Error {
  override name = 'CourbarilError';
}

/** The bytes are not a DICOM data set we can read; `offset` is where reading failed. */
export class DicomParseError extends CourbarilError {
  override name = 'DicomParseError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
  }
}

/** No decoder for this transfer syntax (video, or unknown); names the UID. */
export class UnsupportedTransferSyntaxError extends CourbarilError {
  override name = 'UnsupportedTransferSyntaxError';
  constructor(readonly transferSyntaxUid: string) {
    super(`Unsupported transfer syntax ${transferSyntaxUid}`);
  }
}

/** The codestream could not be decoded (corrupt, truncated, lying header, decoder crash). */
export class DecodeError extends CourbarilError {
  override name = 'DecodeError';
}

/** Declared dimensions exceed the configured cap; thrown before any allocation. */
export class ImageTooLargeError extends CourbarilError {
  override name = 'ImageTooLargeError';
  constructor(
    readonly pixels: number,
    readonly limit: number,
  ) {
    super(`Frame of ${pixels} pixels exceeds the limit of ${limit}`);
  }
}

/**
 * The decoder itself failed (a WebAssembly trap, an out-of-memory abort, a native exception),
 * not one of our checks: its worker's heap can no longer be trusted or may hold gigabytes,
 * so the decode pool replaces that worker.
 */
export class DecoderFaultError extends DecodeError {
  override name = 'DecoderFaultError';
}
