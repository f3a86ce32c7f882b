/**
 * Named tags (PS3.6) for the attributes the viewer reads: numbers `0xGGGGEEEE`.
 * Written from pydicom's dictionary; add a tag here when code needs it.
 */

// Patient
export const PatientName = 0x00100010;
export const PatientID = 0x00100020;
export const IssuerOfPatientID = 0x00100021;
export const PatientBirthDate = 0x00100030;
export const PatientSex = 0x00100040;
export const PatientAge = 0x00101010;
export const PatientOrientation = 0x00200020;

// Study
export const StudyInstanceUID = 0x0020000d;
export const StudyDate = 0x00080020;
export const StudyTime = 0x00080030;
export const StudyDescription = 0x00081030;
export const AccessionNumber = 0x00080050;
export const StudyID = 0x00200010;
export const ReferringPhysicianName = 0x00080090;

// Series
export const SeriesInstanceUID = 0x0020000e;
export const SeriesNumber = 0x00200011;
export const SeriesDescription = 0x0008103e;
export const SeriesDate = 0x00080021;
export const SeriesTime = 0x00080031;
export const Modality = 0x00080060;
export const BodyPartExamined = 0x00180015;
export const Laterality = 0x00200060;

// Instance
export const SOPClassUID = 0x00080016;
export const SOPInstanceUID = 0x00080018;
export const InstanceNumber = 0x00200013;
export const ContentDate = 0x00080023;
export const ContentTime = 0x00080033;
export const AcquisitionDateTime = 0x0008002a;
export const SpecificCharacterSet = 0x00080005;
export const ImageType = 0x00080008;

// Transfer syntax and meta header (PS3.10)
export const FileMetaInformationGroupLength = 0x00020000;
export const MediaStorageSOPClassUID = 0x00020002;
export const MediaStorageSOPInstanceUID = 0x00020003;
export const TransferSyntaxUID = 0x00020010;
export const ImplementationClassUID = 0x00020012;

// Geometry
export const FrameOfReferenceUID = 0x00200052;
export const ImagePositionPatient = 0x00200032;
export const ImageOrientationPatient = 0x00200037;
export const PixelSpacing = 0x00280030;
export const ImagerPixelSpacing = 0x00181164;
export const EstimatedRadiographicMagnificationFactor = 0x00181114;
export const SliceThickness = 0x00180050;
export const SpacingBetweenSlices = 0x00180088;
export const SliceLocation = 0x00201041;
export const PixelAspectRatio = 0x00280034;

// Image pixel (PS3.3 C.7.6.3)
export const Rows = 0x00280010;
export const Columns = 0x00280011;
export const BitsAllocated = 0x00280100;
export const BitsStored = 0x00280101;
export const HighBit = 0x00280102;
export const PixelRepresentation = 0x00280103;
export const SamplesPerPixel = 0x00280002;
export const PhotometricInterpretation = 0x00280004;
export const PlanarConfiguration = 0x00280006;
export const NumberOfFrames = 0x00280008;
export const FrameIncrementPointer = 0x00280009;
export const SmallestImagePixelValue = 0x00280106;
export const LargestImagePixelValue = 0x00280107;

// Modality LUT (PS3.3 C.11.1)
export const RescaleSlope = 0x00281053;
export const RescaleIntercept = 0x00281052;
export const RescaleType = 0x00281054;
export const ModalityLUTSequence = 0x00283000;
export const LUTDescriptor = 0x00283002;
export const LUTData = 0x00283006;
export const LUTExplanation = 0x00283003;
export const ModalityLUTType = 0x00283004;

// VOI LUT (PS3.3 C.11.2)
export const WindowCenter = 0x00281050;
export const WindowWidth = 0x00281051;
export const WindowCenterWidthExplanation = 0x00281055;
export const VOILUTFunction = 0x00281056;
export const VOILUTSequence = 0x00283010;

// Presentation
export const PresentationLUTShape = 0x20500020;
export const PresentationLUTSequence = 0x20500010;
export const PixelPaddingValue = 0x00280120;
export const PixelPaddingRangeLimit = 0x00280121;

// Palette color (PS3.3 C.7.6.3.1.5-6, C.7.9)
export const RedPaletteColorLookupTableDescriptor = 0x00281101;
export const GreenPaletteColorLookupTableDescriptor = 0x00281102;
export const BluePaletteColorLookupTableDescriptor = 0x00281103;
export const RedPaletteColorLookupTableData = 0x00281201;
export const GreenPaletteColorLookupTableData = 0x00281202;
export const BluePaletteColorLookupTableData = 0x00281203;
export const SegmentedRedPaletteColorLookupTableData = 0x00281221;
export const SegmentedGreenPaletteColorLookupTableData = 0x00281222;
export const SegmentedBluePaletteColorLookupTableData = 0x00281223;
export const PaletteColorLookupTableUID = 0x00281199;

// Mammography and projection
export const ImageLaterality = 0x00200062;
export const ViewPosition = 0x00185101;
export const ViewCodeSequence = 0x00540220;
export const ViewModifierCodeSequence = 0x00540222;

// Multi-frame functional groups (PS3.3 C.7.6.16)
export const SharedFunctionalGroupsSequence = 0x52009229;
export const PerFrameFunctionalGroupsSequence = 0x52009230;
export const PixelMeasuresSequence = 0x00289110;
export const PlanePositionSequence = 0x00209113;
export const PlaneOrientationSequence = 0x00209116;
export const PixelValueTransformationSequence = 0x00289145;
export const FrameVOILUTSequence = 0x00289132;

// Pixel data
export const PixelData = 0x7fe00010;
export const FloatPixelData = 0x7fe00008;
export const DoubleFloatPixelData = 0x7fe00009;
export const ExtendedOffsetTable = 0x7fe00001;
export const ExtendedOffsetTableLengths = 0x7fe00002;

// Structured reports (PS3.3 C.17.3)
export const ContentSequence = 0x0040a730;
export const ValueType = 0x0040a040;
export const ConceptNameCodeSequence = 0x0040a043;
export const ConceptCodeSequence = 0x0040a168;
export const CodeValue = 0x00080100;
export const CodingSchemeDesignator = 0x00080102;
export const CodeMeaning = 0x00080104;
export const TextValue = 0x0040a160;
export const MeasuredValueSequence = 0x0040a300;
export const NumericValue = 0x0040a30a;
export const MeasurementUnitsCodeSequence = 0x004008ea;
export const RelationshipType = 0x0040a010;
export const ContinuityOfContent = 0x0040a050;

// Encapsulated documents (PS3.3 C.24.2)
export const EncapsulatedDocument = 0x00420011;
export const MIMETypeOfEncapsulatedDocument = 0x00420012;
export const DocumentTitle = 0x00420010;

// Item and delimitation tags (PS3.5 §7.5)
export const Item = 0xfffee000;
export const ItemDelimitationItem = 0xfffee00d;
export const SequenceDelimitationItem = 0xfffee0dd;

// Key Object Selection and SR references (PS3.3 C.17.6, C.17.2.2, Table 10-4)
export const ReferencedSOPClassUID = 0x00081150;
export const ReferencedSOPInstanceUID = 0x00081155;
export const ReferencedFrameNumber = 0x00081160;
export const ReferencedSOPSequence = 0x00081199;
export const ReferencedSeriesSequence = 0x00081115;
export const ReferencedPerformedProcedureStepSequence = 0x00081111;
export const CurrentRequestedProcedureEvidenceSequence = 0x0040a375;
export const IdenticalDocumentsSequence = 0x0040a525;
export const ContentTemplateSequence = 0x0040a504;
export const MappingResource = 0x00080105;
export const TemplateIdentifier = 0x0040db00;
export const PersonNameValue = 0x0040a123;
export const RetrieveURL = 0x00081190;
export const RetrieveAETitle = 0x00080054;
export const RetrieveLocationUID = 0x0040e011;
export const Manufacturer = 0x00080070;
export const InstanceCreationDate = 0x00080012;
export const InstanceCreationTime = 0x00080013;
export const IssuerOfPatientIDQualifiersSequence = 0x00100024;
export const OtherPatientIDsSequence = 0x00101002;
export const IssuerOfAccessionNumberSequence = 0x00080051;
