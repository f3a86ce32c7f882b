/**
 * The portal-integration part of the public API (issue 17): Key Object Selection documents, Part
 * 10 writing, STOW-RS, DICOMweb sources and FHIR audit. Re-exported by index.ts (kept apart so no
 * entry file grows past the size the project keeps its files to).
 */
export {
  readKeyObjectSelection,
  isKeyObjectSelection,
  isRejectionNote,
  KeyObjectTitles,
  KEY_OBJECT_SELECTION_SOP_CLASS_UID,
  KeyObjectSelectionError,
  type KeyObjectSelection,
  type KeyObjectReference,
  type KeyObjectSelectionErrorCode,
  type SeriesRetrieveLocation,
} from './dicom/key-object-selection.js';
export {
  createKeyObjectSelection,
  KeyObjectWriteError,
  type KeyObjectSelectionOptions,
  type KeyObjectSelectionItem,
} from './dicom/key-object-writer.js';
export { writePart10, DicomWriteError } from './dicom/part10-writer.js';
export {
  storeInstances,
  StoreFailedError,
  type StoreResult,
  type StoredInstance,
  type StoreOptions,
} from './dicomweb/stow-rs.js';
export { dicomwebRootOf, RetrieveUrlError } from './dicomweb/retrieve-url.js';
export { DicomwebSources } from './dicomweb/dicomweb-sources.js';
export { KeyImagesSavedEvent, type KeyImagesSavedDetail } from './events/key-images-saved.js';
export type { KeyImage } from './components/viewer/key-image-marks.js';
export type { SaveKeyImagesOptions } from './session/key-image-store.js';
export { ManifestNotFoundError } from './session/image-selection.js';
export { auditEventFor, type AuditableEvent, type AuditParties } from './audit/audit-event.js';
export type {
  FhirAuditEvent,
  FhirAuditEventAgent,
  FhirAuditEventEntity,
  FhirAuditEventNetwork,
  FhirCoding,
  FhirCodeableConcept,
  FhirIdentifier,
  FhirReference,
} from './audit/fhir-audit-event.js';
