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
  DecoderFaultError,
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
export { configureWorkers, type WorkerOptions } from './workers/worker-options.js';
export { TRUSTED_TYPES_POLICY, TrustedTypesPolicyError } from './internal/trusted-script-url.js';
export { TransferSyntax, isTransferSyntaxSupported } from './dicom/transfer-syntax.js';
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
  StoredFrameInfo,
  PutMetadataOptions,
  PutMetadataResult,
  MetadataValidators,
} from './cache/series-store.js';

export { parseInvokeImageDisplay, viewerAttributesOf } from './launch/invoke-image-display.js';
export type {
  ViewerRequest,
  PatientViewerRequest,
  StudyViewerRequest,
  DisplayPreferences,
  PatientTraits,
  ViewerAttributes,
} from './launch/invoke-image-display.js';
export {
  InvokeImageDisplayError,
  type InvokeImageDisplayErrorCode,
} from './launch/invoke-image-display-error.js';
export type { PatientIdentifier, AssigningAuthority } from './launch/patient-identifier.js';
export {
  launchContextFromIid,
  type LaunchContext,
  type HistoryFilter,
} from './launch/launch-context.js';
export {
  launchContextFromDrimbox,
  INFORMATION_FLAGS,
  type DrimboxFields,
} from './launch/drimbox-launch.js';
export { DrimboxLaunchError, type DrimboxLaunchErrorCode } from './launch/drimbox-launch-error.js';
export {
  INS_OIDS,
  insKindOf,
  isInsMatricule,
  type InsIdentifier,
  type InsKind,
  type LaunchIdentity,
  type PatientSex,
} from './launch/launch-identity.js';
export { applyLaunchContext, type LaunchTarget } from './launch/apply-launch-context.js';
export {
  identityMismatches,
  normaliseName,
  studyPatientOf,
  type IdentityTrait,
  type IssuedId,
  type StudyPatient,
} from './launch/identity-check.js';
export { filterHistory, type FilterableStudy } from './launch/history-filter.js';
export { IdentityMismatchEvent, type IdentityMismatchDetail } from './events/identity-mismatch.js';
export { IdentityMismatchError, type IdentityPolicy } from './session/identity-vigilance.js';
export type { IidDateTime, LaunchPersonName } from './launch/iid-values.js';
export {
  qidoStudyQueries,
  filterStudies,
  type QidoStudyQuery,
  type QidoQueryOptions,
  type StudyFilterFields,
} from './launch/viewer-request-query.js';
export {
  hangStudies,
  autoGrid,
  type ComparisonView,
  type HangStudiesInput,
} from './hanging-protocols/hang-studies.js';
export {
  builtInProtocols,
  screeningMammography,
  crossSectionalComparison,
  volumeMpr,
  seriesGrid,
} from './hanging-protocols/built-in-protocols.js';
export type {
  HangingProtocol,
  MatchRule,
  PriorCriteria,
  ImageSelector,
  CellSpec,
  FixedLayout,
  SeriesGridLayout,
} from './hanging-protocols/hanging-protocol.js';
export {
  selectProtocol,
  scoreProtocol,
  UnknownHangingProtocolError,
} from './hanging-protocols/select-protocol.js';
export { describeInstance, summarizeStudies } from './hanging-protocols/describe-instance.js';
export type {
  StudySummary,
  SeriesSummary,
  InstanceSummary,
} from './hanging-protocols/summaries.js';
export {
  cellStatesOf,
  type ViewerCellState,
  type HangingCell,
  type HangingLayout,
  type CellLinks,
  type CellVoi,
  type CellAlignment,
  type CellRotation,
} from './hanging-protocols/viewer-cell-state.js';
export {
  nearestSlice,
  imageToPatient,
  sliceNormal,
  type SlicePlane,
  type Registration,
  type NearestSlice,
} from './sync/slice-position.js';
export { registrationFromPoints, registrationFromClicks } from './sync/registration.js';
export { linkPanZoom, linkVoi } from './sync/view-link.js';
export { sharedMmPerCssPixel, cssScaleFor } from './sync/physical-scale.js';
export { CbSrReport } from './components/report/sr-report.js';
export { CbPdfReport } from './components/report/pdf-report.js';
export { readStructuredReport, isStructuredReport } from './dicom/sr-document.js';
// Grayscale Softcopy Presentation States (issue 16 item 7): read, found in a study, stored.
export {
  readPresentationState,
  isPresentationState,
  PresentationStateError,
  GRAYSCALE_SOFTCOPY_PRESENTATION_STATE_SOP_CLASS_UID,
  type PresentationState,
  type GraphicAnnotation,
  type GraphicLayer,
  type GraphicObject,
  type TextObject,
  type DisplayedArea,
  type Shutter,
  type Shutters,
  type SoftcopyVoi,
  type ImageScope,
  type ReferencedImage,
} from './dicom/presentation-state.js';
export {
  findPresentationStates,
  storePresentationState,
  type StoredPresentationState,
} from './session/presentation-state-store.js';
export {
  CbStudyBrowser,
  type StudyListEntry,
  type SeriesListEntry,
} from './components/study-browser/study-browser.js';
export { SeriesSelectEvent, type SeriesSelectDetail } from './events/series-select.js';

export { CbViewport } from './components/viewport/viewport.js';
export type { ShownImage, StackImage } from './controllers/frame-stack-controller.js';
export type { ToolName, MeasurementKind } from './controllers/tools/tools.js';
export { ImageRenderedEvent, type ImageRenderedDetail } from './events/image-rendered.js';
export { VoiChangeEvent, type VoiChangeDetail } from './events/voi-change.js';
export { OneToOneChangeEvent, type OneToOneChangeDetail } from './events/one-to-one-change.js';
export { MeasurementEvent } from './events/measurement.js';
export type {
  Measurement,
  MeasuredValue,
  ImagePoint,
  RegionStatistics,
} from './render/measurement.js';
export type { CalibrationKind } from './render/calibration.js';
export type { VoiWindow, VoiFunction, VoiPreset } from './render/voi-lut.js';
export type { Rotation } from './render/view-transform.js';
export type { RendererPreference } from './render/create-renderer.js';
export type { RendererKind, Interpolation } from './render/renderer.js';
export { frameLoaderContext } from './context/frame-loader.js';
export {
  createDecodeFrameLoader,
  type FrameLoader,
  type FrameLoadOptions,
} from './workers/frame-loader.js';

export { CbViewer } from './components/viewer/viewer.js';
export { StudyOpenedEvent, type StudyOpenedDetail } from './events/study-opened.js';
export { ViewedEvent, type ViewedDetail } from './events/viewed.js';
export {
  ViewerErrorEvent,
  type ViewerErrorCode,
  type ViewerErrorDetail,
} from './events/viewer-error.js';
export {
  PatientMismatchEvent,
  type PatientMismatchCode,
  type PatientMismatchDetail,
} from './events/patient-mismatch.js';
export { PatientMismatchError } from './session/patient-match.js';
export { DEFAULT_PREFETCH_BUDGET } from './session/prior-prefetch.js';
export {
  createViewerServices,
  viewerServicesContext,
  type ViewerServices,
  type ViewerServicesOptions,
} from './context/viewer-services.js';

export {
  DicomwebClient,
  type DicomwebClientOptions,
  type StudyQuery,
  type SeriesQuery,
  type InstanceQuery,
  type RetrievedFrame,
} from './dicomweb/dicomweb-client.js';
export type { RequestHeadersInit, RetryPolicy } from './dicomweb/dicomweb-transport.js';
export { RetrievalScheduler } from './dicomweb/retrieval-scheduler.js';
export {
  RetrievalPriority,
  type FrameAddress,
  type RetrievalSchedulerOptions,
} from './dicomweb/retrieval-request.js';
export {
  SeriesLoader,
  type SeriesLoaderOptions,
  type SeriesLoaderEventMap,
  type SeriesLoadState,
  type Slice,
} from './dicomweb/series-loader.js';
export { retrieveSeriesMetadataCached } from './dicomweb/series-metadata.js';
export {
  SeriesOpening,
  type SeriesOpeningOptions,
  type FirstSlice,
  type OpeningView,
} from './dicomweb/series-opening.js';
export { RenderedPreviews, type RenderedPreviewOptions } from './dicomweb/rendered-preview.js';
export { DicomwebPixelDataSource } from './dicomweb/dicomweb-pixel-data-source.js';
export {
  DicomwebFrameLoader,
  type DicomwebFrameLoaderOptions,
} from './dicomweb/dicomweb-frame-loader.js';
export type { PreviewDecoder, PreviewDecodeRequest } from './dicomweb/progressive-preview.js';
export { MemorySeriesStore } from './dicomweb/memory-series-store.js';
export { stackOrder, nearestLoaded } from './dicomweb/stack-order.js';
export {
  DicomwebHttpError,
  DicomwebAuthError,
  DicomwebNetworkError,
  TruncatedResponseError,
  MultipartFormatError,
  ResponseTooLargeError,
  DicomwebTimeoutError,
  DicomwebStallError,
  InvalidUidError,
  type ResponseLimitKind,
} from './dicomweb/errors.js';
export { UntrustedOriginError, type OriginAccess } from './dicomweb/origin-policy.js';
export { InvalidIdentifierError, type IdentifierField } from './dicomweb/query-identifier.js';
export { SeriesProgressEvent, type SeriesProgressDetail } from './events/series-progress.js';
export { SeriesLoadedEvent, type SeriesLoadedDetail } from './events/series-loaded.js';
export { SeriesCachedEvent, type SeriesCachedDetail } from './events/series-cached.js';
export {
  SeriesErrorEvent,
  type SeriesErrorCode,
  type SeriesErrorDetail,
} from './events/series-error.js';

export { decodePreview, type DecodePreviewOptions } from './workers/decode-preview.js';
export { isPreviewFrame, expandPreview, type PreviewFrame } from './dicom/preview-frame.js';
export type { PreviewTaskOptions } from './workers/decode-pool.js';
export { poolPreviewDecoder } from './dicomweb/dicomweb-frame-loader.js';
export type { NearestLoaded } from './components/viewport/stand-in.js';

// Volumes, reformats and slabs (issue 20): the MPR foundation.
export {
  VolumeWorkerClient,
  RemoteVolume,
  VolumeWorkerError,
} from './workers/volume-worker-client.js';
export { loadVolume, type LoadVolumeOptions, type VolumeLoad } from './workers/load-volume.js';
export type { VolumeBuildOptions } from './workers/volume-protocol.js';
export {
  slicesOf,
  type SliceGeometry,
  type SliceSource,
  type Rescale,
} from './volume/slice-geometry.js';
// The geometry check, the voxel grid and the sampling run in the volume worker; the page
// imports only their types, so they add nothing to the core module.
export type { VolumeGeometry, VolumeGeometryOptions } from './volume/volume-geometry.js';
export type { VoxelArray, VoxelType } from './volume/volume.js';
export { DEFAULT_MAX_VOLUME_BYTES } from './volume/volume-limits.js';
export {
  VolumeGeometryError,
  VolumeTooLargeError,
  type VolumeRefusal,
} from './volume/volume-errors.js';
export {
  PixelStatus,
  type ReformatPlane,
  type ReformatImage,
  type ReformatOptions,
  type Slab,
  type SlabMode,
  type ReformatInterpolation,
} from './volume/reformat-plane.js';
export {
  STANDARD_PLANE_AXES,
  planeThrough,
  planeNormal,
  rotateAxes,
  planeToPatient,
  patientToPlane,
  type PlaneAxes,
  type StandardPlane,
} from './volume/standard-planes.js';
export { SLAB_PRESETS, type SlabPreset } from './volume/slab-presets.js';
export type { Vec3 } from './volume/vec3.js';
export * from './components/mpr/mpr-exports.js'; // <cb-mpr> (issue 20 items 2, 3, 5)
export type { Affine3 } from './volume/affine3.js';

// Key Object Selection documents, Part 10 writing, STOW-RS and FHIR audit (issue 17).
export * from './index-portal.js';
// Screening reading: the form, its SR (TID 4200) and the double-reading decisions.
export * from './index-screening.js';
