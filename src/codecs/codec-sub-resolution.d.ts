// Members of the codec packages' embind decoders used for reduced-resolution decodes, merged
// into the shims of types/cornerstone-codecs.d.ts (both builds export them; see their
// J2KDecoder.hpp / HTJ2KDecoder.hpp). Embind checks argument counts: OpenJPEG's takes the
// decomposition level and the number of quality layers (0 = all), OpenJPH's only the level.

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  export interface J2KDecoder {
    decodeSubResolution(decompositionLevel: number, decodeLayer: number): void;
    getNumDecompositions(): number;
  }
}

declare module '@cornerstonejs/codec-openjph/wasmjs' {
  export interface HTJ2KDecoder {
    decodeSubResolution(decompositionLevel: number): void;
    getNumDecompositions(): number;
  }
}
