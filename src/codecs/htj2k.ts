import openjphFactory from '@cornerstonejs/codec-openjph/wasmjs';
import wasmUrl from '@cornerstonejs/codec-openjph/wasm?url&no-inline';
import { createJ2kFamilyCodec } from './j2k-family.js';

/** High-Throughput JPEG 2000 (PS3.5 A.4.9, 1.2.840.10008.1.2.4.201/202/203) through OpenJPH. */
export const htj2kCodec = createJ2kFamilyCodec({
  name: 'HTJ2K',
  factory: openjphFactory,
  wasmUrl,
  create: (m) => new m.HTJ2KDecoder(),
  decodeSubResolution: (decoder, level) => {
    decoder.decodeSubResolution(level);
  },
});
