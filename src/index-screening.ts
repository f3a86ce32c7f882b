/** The public API of screening reading (re-exported by index.ts, which stays one screen of names). */
export {
  CbReadingForm,
  type ReadingView,
  type ReadingSubmission,
} from './components/reading-form/reading-form.js';
export {
  ReadingSubmittedEvent,
  type ReadingSubmittedDetail,
  type SubmittedObject,
  type SubmittedDisagreement,
} from './events/reading-submitted.js';
export type {
  ScreeningReading,
  StoredScreeningReading,
  BreastAssessment,
  BreastFinding,
  FindingMark,
  ViewQuality,
  ImageReference,
  Breast,
  AcrCategory,
  BreastComposition,
  QualityReason,
  FindingType,
  Quadrant,
  ClockPosition,
  ReadingOutcome,
} from './dicom/breast-reading.js';
export {
  ACR_ASSESSMENTS,
  COMPOSITIONS,
  QUADRANT_CODES,
  QUALITY_REASON_CODES,
  FINDING_CODES,
  OUTCOME_CODES,
  SIDES,
  clockCode,
} from './dicom/breast-imaging-codes.js';
export {
  createBreastImagingReport,
  BreastImagingReportWriteError,
  COMPREHENSIVE_SR_SOP_CLASS_UID,
  type BreastImagingReportOptions,
  type ReadingObserver,
} from './dicom/breast-imaging-report-writer.js';
export {
  readBreastImagingReport,
  isBreastImagingReport,
  BreastImagingReportReadError,
} from './dicom/breast-imaging-report-reader.js';
export {
  compareReadings,
  priorReadingVisible,
  suggestedOutcome,
  acrGroup,
  type ReadingComparison,
  type ReadingDisagreement,
  type ComparedField,
} from './screening/double-reading.js';
export {
  writeScreeningReading,
  storeScreeningReading,
  findScreeningReadings,
  ReadingStoreError,
  type WrittenReading,
  type StoredReading,
} from './session/screening-reading-store.js';
export {
  CbScreeningReading,
  type ReadingCase,
  type ReadingStep,
  type ReadingStepCell,
} from './components/screening-reading/screening-reading.js';
export {
  DEFAULT_READING_STEPS,
  readingStepProtocol,
  type ReadingStepLabel,
  type MammographyView,
} from './hanging-protocols/reading-steps.js';
export { ReadingCaseError, type CaseResolution } from './session/reading-list.js';
export {
  ReadingCaseChangeEvent,
  type ReadingCaseChangeDetail,
} from './events/reading-case-change.js';
export {
  ReadingStepChangeEvent,
  type ReadingStepChangeDetail,
} from './events/reading-step-change.js';
