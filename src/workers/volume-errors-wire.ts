import { VolumeGeometryError, VolumeTooLargeError } from '../volume/volume-errors.js';
import type { SerializedVolumeError } from './volume-protocol.js';

export function serializeVolumeError(error: unknown): SerializedVolumeError {
  if (error instanceof VolumeGeometryError) {
    return {
      name: 'VolumeGeometryError',
      message: error.message,
      reason: error.reason,
      deviation: error.deviation,
    };
  }
  if (error instanceof VolumeTooLargeError) {
    return {
      name: 'VolumeTooLargeError',
      message: error.message,
      bytes: error.bytes,
      limit: error.limit,
    };
  }
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

export function deserializeVolumeError(error: SerializedVolumeError): Error {
  switch (error.name) {
    case 'VolumeGeometryError':
      return new VolumeGeometryError(error.reason, error.message, error.deviation);
    case 'VolumeTooLargeError':
      return new VolumeTooLargeError(error.bytes, error.limit);
    default:
      return new Error(error.message);
  }
}
