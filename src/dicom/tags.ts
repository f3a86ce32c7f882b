/**
 * The tags of the public `tags` namespace (`import { tags } from 'courbaril'`): the attributes a
 * viewer reads, by their PS3.6 keyword. Each is re-exported from tags.generated.ts, the one
 * dictionary of named tags; code inside Courbaril imports from there directly.
 */

// Patient
export {
  PatientName,
  PatientID,
  IssuerOfPatientID,
  PatientBirthDate,
  PatientSex,
  PatientAge,
  PatientOrientation,
} from './tags.generated.js';

// Study
export {
  StudyInstanceUID,
  StudyDate,
  StudyTime,
  StudyDescription,
  AccessionNumber,
  StudyID,
  ReferringPhysicianName,
} from './tags.generated.js';

// Series
export {
  SeriesInstanceUID,
  SeriesNumber,
  SeriesDescription,
  SeriesDate,
  SeriesTime,
  Modality,
  BodyPartExamined,
  Laterality,
} from './tags.generated.js';

// Instance
export {
  SOPClassUID,
  SOPInstanceUID,
  InstanceNumber,
  ContentDate,
  ContentTime,
  AcquisitionDateTime,
  SpecificCharacterSet,
  ImageType,
} from './tags.generated.js';

// Transfer syntax and meta header (PS3.10)
export {
  FileMetaInformationGroupLength,
  MediaStorageSOPClassUID,
  MediaStorageSOPInstanceUID,
  TransferSyntaxUID,
  ImplementationClassUID,
} from './tags.generated.js';

// Geometry
export {
  FrameOfReferenceUID,
  ImagePositionPatient,
  ImageOrientationPatient,
  PixelSpacing,
  ImagerPixelSpacing,
  EstimatedRadiographicMagnificationFactor,
  SliceThickness,
  SpacingBetweenSlices,
  SliceLocation,
  PixelAspectRatio,
} from './tags.generated.js';

// Image pixel (PS3.3 C.7.6.3)
export {
  Rows,
  Columns,
  BitsAllocated,
  BitsStored,
  HighBit,
  PixelRepresentation,
  SamplesPerPixel,
  PhotometricInterpretation,
  PlanarConfiguration,
  NumberOfFrames,
  FrameIncrementPointer,
  SmallestImagePixelValue,
  LargestImagePixelValue,
} from './tags.generated.js';

// Modality LUT (PS3.3 C.11.1)
export {
  RescaleSlope,
  RescaleIntercept,
  RescaleType,
  ModalityLUTSequence,
  LUTDescriptor,
  LUTData,
  LUTExplanation,
  ModalityLUTType,
} from './tags.generated.js';

// VOI LUT (PS3.3 C.11.2)
export {
  WindowCenter,
  WindowWidth,
  WindowCenterWidthExplanation,
  VOILUTFunction,
  VOILUTSequence,
} from './tags.generated.js';

// Presentation
export {
  PresentationLUTShape,
  PresentationLUTSequence,
  PixelPaddingValue,
  PixelPaddingRangeLimit,
} from './tags.generated.js';

// Palette color (PS3.3 C.7.6.3.1.5-6, C.7.9)
export {
  RedPaletteColorLookupTableDescriptor,
  GreenPaletteColorLookupTableDescriptor,
  BluePaletteColorLookupTableDescriptor,
  RedPaletteColorLookupTableData,
  GreenPaletteColorLookupTableData,
  BluePaletteColorLookupTableData,
  SegmentedRedPaletteColorLookupTableData,
  SegmentedGreenPaletteColorLookupTableData,
  SegmentedBluePaletteColorLookupTableData,
  PaletteColorLookupTableUID,
} from './tags.generated.js';

// Mammography and projection
export {
  ImageLaterality,
  ViewPosition,
  ViewCodeSequence,
  ViewModifierCodeSequence,
} from './tags.generated.js';

// Multi-frame functional groups (PS3.3 C.7.6.16)
export {
  SharedFunctionalGroupsSequence,
  PerFrameFunctionalGroupsSequence,
  PixelMeasuresSequence,
  PlanePositionSequence,
  PlaneOrientationSequence,
  PixelValueTransformationSequence,
  FrameVOILUTSequence,
} from './tags.generated.js';

// Pixel data
export {
  PixelData,
  FloatPixelData,
  DoubleFloatPixelData,
  ExtendedOffsetTable,
  ExtendedOffsetTableLengths,
} from './tags.generated.js';

// Structured reports (PS3.3 C.17.3)
export {
  ContentSequence,
  ValueType,
  ConceptNameCodeSequence,
  ConceptCodeSequence,
  CodeValue,
  CodingSchemeDesignator,
  CodeMeaning,
  TextValue,
  MeasuredValueSequence,
  NumericValue,
  MeasurementUnitsCodeSequence,
  RelationshipType,
  ContinuityOfContent,
} from './tags.generated.js';

// Encapsulated documents (PS3.3 C.24.2)
export {
  EncapsulatedDocument,
  MIMETypeOfEncapsulatedDocument,
  DocumentTitle,
} from './tags.generated.js';

// Item and delimitation tags (PS3.5 §7.5)
export { Item, ItemDelimitationItem, SequenceDelimitationItem } from './tags.generated.js';

// Key Object Selection and SR references (PS3.3 C.17.6, C.17.2.2, Table 10-4)
export {
  ReferencedSOPClassUID,
  ReferencedSOPInstanceUID,
  ReferencedFrameNumber,
  ReferencedSOPSequence,
  ReferencedSeriesSequence,
  ReferencedPerformedProcedureStepSequence,
  CurrentRequestedProcedureEvidenceSequence,
  IdenticalDocumentsSequence,
  ContentTemplateSequence,
  MappingResource,
  TemplateIdentifier,
  PersonName,
  RetrieveURL,
  RetrieveAETitle,
  RetrieveLocationUID,
  Manufacturer,
  InstanceCreationDate,
  InstanceCreationTime,
  IssuerOfPatientIDQualifiersSequence,
  OtherPatientIDsSequence,
  IssuerOfAccessionNumberSequence,
} from './tags.generated.js';
