/**
 * The few data elements the demo generator writes, keyed by DICOM keyword
 * (PS3.6). Data sets are built as `{ Keyword: value }` objects so the study
 * definitions read like a DICOM dump; the writers look the tag and VR up here.
 *
 * @type {Readonly<Record<string, readonly [number, string]>>}
 */
export const DICTIONARY = Object.freeze({
  FileMetaInformationGroupLength: [0x00020000, 'UL'],
  FileMetaInformationVersion: [0x00020001, 'OB'],
  MediaStorageSOPClassUID: [0x00020002, 'UI'],
  MediaStorageSOPInstanceUID: [0x00020003, 'UI'],
  TransferSyntaxUID: [0x00020010, 'UI'],
  ImplementationClassUID: [0x00020012, 'UI'],
  ImplementationVersionName: [0x00020013, 'SH'],

  SpecificCharacterSet: [0x00080005, 'CS'],
  ImageType: [0x00080008, 'CS'],
  InstanceCreationDate: [0x00080012, 'DA'],
  InstanceCreationTime: [0x00080013, 'TM'],
  SOPClassUID: [0x00080016, 'UI'],
  SOPInstanceUID: [0x00080018, 'UI'],
  StudyDate: [0x00080020, 'DA'],
  SeriesDate: [0x00080021, 'DA'],
  AcquisitionDate: [0x00080022, 'DA'],
  ContentDate: [0x00080023, 'DA'],
  StudyTime: [0x00080030, 'TM'],
  SeriesTime: [0x00080031, 'TM'],
  AcquisitionTime: [0x00080032, 'TM'],
  ContentTime: [0x00080033, 'TM'],
  AccessionNumber: [0x00080050, 'SH'],
  InstanceAvailability: [0x00080056, 'CS'],
  Modality: [0x00080060, 'CS'],
  ModalitiesInStudy: [0x00080061, 'CS'],
  ConversionType: [0x00080064, 'CS'],
  PresentationIntentType: [0x00080068, 'CS'],
  Manufacturer: [0x00080070, 'LO'],
  InstitutionName: [0x00080080, 'LO'],
  ReferringPhysicianName: [0x00080090, 'PN'],
  CodeValue: [0x00080100, 'SH'],
  CodingSchemeDesignator: [0x00080102, 'SH'],
  CodeMeaning: [0x00080104, 'LO'],
  StationName: [0x00081010, 'SH'],
  StudyDescription: [0x00081030, 'LO'],
  SeriesDescription: [0x0008103e, 'LO'],
  ManufacturerModelName: [0x00081090, 'LO'],
  RetrieveURL: [0x00081190, 'UR'],

  PatientName: [0x00100010, 'PN'],
  PatientID: [0x00100020, 'LO'],
  IssuerOfPatientID: [0x00100021, 'LO'],
  PatientBirthDate: [0x00100030, 'DA'],
  PatientSex: [0x00100040, 'CS'],
  OtherPatientIDsSequence: [0x00101002, 'SQ'],
  PatientBirthName: [0x00101005, 'PN'],

  BodyPartExamined: [0x00180015, 'CS'],
  SliceThickness: [0x00180050, 'DS'],
  KVP: [0x00180060, 'DS'],
  SpacingBetweenSlices: [0x00180088, 'DS'],
  DataCollectionDiameter: [0x00180090, 'DS'],
  ReconstructionDiameter: [0x00181100, 'DS'],
  DistanceSourceToDetector: [0x00181110, 'DS'],
  DistanceSourceToPatient: [0x00181111, 'DS'],
  Exposure: [0x00181152, 'IS'],
  ImagerPixelSpacing: [0x00181164, 'DS'],
  ConvolutionKernel: [0x00181210, 'SH'],
  FrameTime: [0x00181063, 'DS'],
  PatientPosition: [0x00185100, 'CS'],
  ViewPosition: [0x00185101, 'CS'],
  BodyPartThickness: [0x001811a0, 'DS'],
  CompressionForce: [0x001811a2, 'DS'],
  EstimatedRadiographicMagnificationFactor: [0x00181114, 'DS'],

  StudyInstanceUID: [0x0020000d, 'UI'],
  SeriesInstanceUID: [0x0020000e, 'UI'],
  StudyID: [0x00200010, 'SH'],
  SeriesNumber: [0x00200011, 'IS'],
  AcquisitionNumber: [0x00200012, 'IS'],
  InstanceNumber: [0x00200013, 'IS'],
  PatientOrientation: [0x00200020, 'CS'],
  ImagePositionPatient: [0x00200032, 'DS'],
  ImageOrientationPatient: [0x00200037, 'DS'],
  FrameOfReferenceUID: [0x00200052, 'UI'],
  Laterality: [0x00200060, 'CS'],
  ImageLaterality: [0x00200062, 'CS'],
  PositionReferenceIndicator: [0x00201040, 'LO'],
  SliceLocation: [0x00201041, 'DS'],
  NumberOfStudyRelatedSeries: [0x00201206, 'IS'],
  NumberOfStudyRelatedInstances: [0x00201208, 'IS'],
  NumberOfSeriesRelatedInstances: [0x00201209, 'IS'],

  SamplesPerPixel: [0x00280002, 'US'],
  PhotometricInterpretation: [0x00280004, 'CS'],
  PlanarConfiguration: [0x00280006, 'US'],
  NumberOfFrames: [0x00280008, 'IS'],
  FrameIncrementPointer: [0x00280009, 'AT'],
  Rows: [0x00280010, 'US'],
  Columns: [0x00280011, 'US'],
  PixelSpacing: [0x00280030, 'DS'],
  BitsAllocated: [0x00280100, 'US'],
  BitsStored: [0x00280101, 'US'],
  HighBit: [0x00280102, 'US'],
  PixelRepresentation: [0x00280103, 'US'],
  PixelPaddingValue: [0x00280120, 'SS'],
  BurnedInAnnotation: [0x00280301, 'CS'],
  PixelIntensityRelationship: [0x00281040, 'CS'],
  PixelIntensityRelationshipSign: [0x00281041, 'SS'],
  WindowCenter: [0x00281050, 'DS'],
  WindowWidth: [0x00281051, 'DS'],
  RescaleIntercept: [0x00281052, 'DS'],
  RescaleSlope: [0x00281053, 'DS'],
  RescaleType: [0x00281054, 'LO'],
  WindowCenterWidthExplanation: [0x00281055, 'LO'],
  LossyImageCompression: [0x00282110, 'CS'],

  ViewCodeSequence: [0x00540220, 'SQ'],
  ViewModifierCodeSequence: [0x00540222, 'SQ'],
  AnatomicRegionSequence: [0x00082218, 'SQ'],

  ValueType: [0x0040a040, 'CS'],
  ConceptNameCodeSequence: [0x0040a043, 'SQ'],
  ContinuityOfContent: [0x0040a050, 'CS'],
  VerificationFlag: [0x0040a493, 'CS'],
  CompletionFlag: [0x0040a491, 'CS'],
  RelationshipType: [0x0040a010, 'CS'],
  TextValue: [0x0040a160, 'UT'],
  MeasuredValueSequence: [0x0040a300, 'SQ'],
  MeasurementUnitsCodeSequence: [0x004008ea, 'SQ'],
  NumericValue: [0x0040a30a, 'DS'],
  ContentSequence: [0x0040a730, 'SQ'],
  ContentTemplateSequence: [0x0040a504, 'SQ'],
  MappingResource: [0x00080105, 'CS'],
  TemplateIdentifier: [0x0040db00, 'CS'],
  PerformedProcedureCodeSequence: [0x0040a372, 'SQ'],

  DocumentTitle: [0x00420010, 'ST'],
  EncapsulatedDocument: [0x00420011, 'OB'],
  MIMETypeOfEncapsulatedDocument: [0x00420012, 'LO'],
  EncapsulatedDocumentLength: [0x00420015, 'UL'],

  PixelData: [0x7fe00010, 'OB'],
});

/**
 * @param {string} keyword
 * @returns {readonly [number, string]}
 */
export function lookup(keyword) {
  const entry = DICTIONARY[keyword];
  if (!entry) throw new Error(`demo-data dictionary has no keyword ${keyword}`);
  return entry;
}

/** Tag as the 8 upper-case hex digits DICOM JSON uses (PS3.18 F.2.1.1). */
export function tagHex(/** @type {number} */ tag) {
  return tag.toString(16).toUpperCase().padStart(8, '0');
}
