import type { DicomDataset } from '../dicom/dataset.js';
import { PhotometricInterpretation, PresentationLUTShape } from '../dicom/tags.generated.js';

/**
 * Whether the display is to be inverted before reaching P-Values.
 *
 * PS3.3 C.7.6.3.1.2: MONOCHROME1 shows its minimum value as white. PS3.3 C.8.11.6.1.2
 * (DX) pairs MONOCHROME1 with Presentation LUT Shape INVERSE: both describe the same
 * single inversion, so they are OR-ed, never applied twice.
 */
export function presentationInverted(dataset: DicomDataset): boolean {
  const shape = dataset.string(PresentationLUTShape);
  const photometric = dataset.string(PhotometricInterpretation);
  return photometric === 'MONOCHROME1' || shape === 'INVERSE';
}
