/**
 * The attributes the display pipeline reads (PS3.3 C.7.6.3, C.11.1, C.11.2, C.11.6).
 * Kept local to render/ so the pipeline does not depend on the full dictionary.
 */
export const DisplayTag = {
  SamplesPerPixel: 0x00280002,
  PhotometricInterpretation: 0x00280004,
  NumberOfFrames: 0x00280008,
  Rows: 0x00280010,
  Columns: 0x00280011,
  BitsStored: 0x00280101,
  PixelRepresentation: 0x00280103,
  PixelPaddingValue: 0x00280120,
  PixelPaddingRangeLimit: 0x00280121,
  WindowCenter: 0x00281050,
  WindowWidth: 0x00281051,
  RescaleIntercept: 0x00281052,
  RescaleSlope: 0x00281053,
  RescaleType: 0x00281054,
  WindowCenterWidthExplanation: 0x00281055,
  VoiLutFunction: 0x00281056,
  ModalityLutSequence: 0x00283000,
  LutDescriptor: 0x00283002,
  LutExplanation: 0x00283003,
  ModalityLutType: 0x00283004,
  LutData: 0x00283006,
  VoiLutSequence: 0x00283010,
  PresentationLutShape: 0x20500020,
} as const;
