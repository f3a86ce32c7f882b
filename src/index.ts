/**
 * Courbaril public API. Nothing else is importable by users (package.json `exports`).
 * Importing this module registers no element: import `courbaril/define` (all elements)
 * or use the standalone build for that.
 */
export {
  CourbarilError,
  DicomParseError,
  UnsupportedTransferSyntaxError,
  DecodeError,
  ImageTooLargeError,
} from './dicom/errors.js';
export type {
  DicomDataset,
  PixelDataSource,
  EncodedFrame,
  FrameRequestOptions,
  Vr,
} from './dicom/dataset.js';
export type { DecodedFrame, GrayscalePixels } from './dicom/decoded-frame.js';

export {
  parseDicom,
  parseDicomAsync,
  DeflateRequiresAsyncError,
  type ParseDicomOptions,
} from './dicom/parse-dicom.js';
export {
  datasetFromDicomJson,
  JsonDataset,
  type DicomJsonOptions,
  type DicomJsonObject,
  type DicomJsonAttribute,
  type BulkDataLoader,
} from './dicom/json-dataset.js';
export { datasetToDicomJson, type DicomJsonWriteOptions } from './dicom/dicom-json-writer.js';
export { Part10Dataset } from './dicom/part10-dataset.js';
export type { Part10PixelData } from './dicom/pixel-data.js';
export type { PersonName } from './dicom/values.js';
export * as tags from './dicom/tags.js';

export {
  decodeFrame,
  disposeDefaultDecodePool,
  type DecodeFrameOptions,
} from './workers/decode-frame.js';
export {
  DecodePool,
  type DecodePoolOptions,
  type DecodeRequest,
  type DecodeTaskOptions,
  type TimedDecodedFrame,
} from './workers/decode-pool.js';
export { TransferSyntax, isTransferSyntaxSupported } from './codecs/transfer-syntax.js';
export {
  readPixelModule,
  DEFAULT_MAX_PIXELS_PER_FRAME,
  type PixelModule,
  type PaletteLuts,
} from './codecs/pixel-module.js';

export { SeriesCache } from './cache/series-cache.js';
export { clearCache, type ClearCacheFilter, type ClearCacheOptions } from './cache/clear-cache.js';
export {
  CacheBlockedError,
  CacheUnavailableError,
  type CacheWarningCode,
  type CacheWarningListener,
} from './cache/cache-errors.js';
export { DEFAULT_CACHE_DATABASE, CACHE_DATABASE_PREFIX } from './cache/cache-schema.js';
export { isCacheMode, type CacheMode, type SeriesCacheOptions } from './cache/cache-options.js';
export type { CacheTierState } from './cache/persistent-connection.js';
export type { SeriesKey, FrameKey, PatientRef } from './cache/cache-keys.js';
export type {
  SeriesStore,
  CachedMetadata,
  PutMetadataOptions,
  PutMetadataResult,
  MetadataValidators,
} from './cache/series-store.js';
