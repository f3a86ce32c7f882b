import openjpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import wasmUrl from '@cornerstonejs/codec-openjpeg/decodewasm?url&no-inline';
import { createJ2kFamilyCodec } from './j2k-family.js';

/** JPEG 2000 (PS3.5 A.4.4, 1.2.840.10008.1.2.4.90/91) through OpenJPEG. */
export const jpeg2000Codec = createJ2kFamilyCodec({
  name: 'JPEG 2000',
  factory: openjpegFactory,
  wasmUrl,
  create: (m) => new m.J2KDecoder(),
  decodeSubResolution: (decoder, level) => {
    decoder.decodeSubResolution(level, 0);
  },
});
