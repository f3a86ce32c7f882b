import {
  DecodeError,
  DecoderFaultError,
  ImageTooLargeError,
  UnsupportedTransferSyntaxError,
} from '../dicom/errors.js';
import type { SerializedDecodeError } from './decode-protocol.js';

/** Anything thrown while decoding becomes one of the typed errors; unknown failures are DecodeError. */
export function serializeDecodeError(error: unknown): SerializedDecodeError {
  if (error instanceof UnsupportedTransferSyntaxError) {
    return {
      name: 'UnsupportedTransferSyntaxError',
      message: error.message,
      transferSyntaxUid: error.transferSyntaxUid,
    };
  }
  if (error instanceof ImageTooLargeError) {
    return {
      name: 'ImageTooLargeError',
      message: error.message,
      pixels: error.pixels,
      limit: error.limit,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DecoderFaultError) return { name: 'DecoderFaultError', message };
  return {
    name: 'DecodeError',
    message: error instanceof DecodeError ? message : `Decoder failed: ${message}`,
  };
}

export function deserializeDecodeError(error: SerializedDecodeError): Error {
  switch (error.name) {
    case 'UnsupportedTransferSyntaxError':
      return new UnsupportedTransferSyntaxError(error.transferSyntaxUid);
    case 'ImageTooLargeError':
      return new ImageTooLargeError(error.pixels, error.limit);
    case 'DecoderFaultError':
      return new DecoderFaultError(error.message);
    default:
      return new DecodeError(error.message);
  }
}
