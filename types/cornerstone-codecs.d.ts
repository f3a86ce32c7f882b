// Typed shims for the emscripten + embind builds of @cornerstonejs/codec-* (they ship no typings).
// Only the members Courbaril calls are declared. Embind objects own C++ memory: call delete().

declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  interface EmscriptenOptions {
    locateFile?: (path: string, scriptDirectory: string) => string;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }
  interface FrameInfo {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
  }
  export interface JpegLSDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    decode(): void;
    getFrameInfo(): FrameInfo;
    /** CharLS interleave mode: 0 none (planar), 1 line, 2 sample. */
    getInterleaveMode(): number;
    getNearLossless(): number;
    delete(): void;
  }
  export interface CharLSModule {
    JpegLSDecoder: new () => JpegLSDecoder;
    getExceptionMessage?: (exception: unknown) => string | [string, string];
  }
  const factory: (options?: EmscriptenOptions) => Promise<CharLSModule>;
  export default factory;
}

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  interface EmscriptenOptions {
    locateFile?: (path: string, scriptDirectory: string) => string;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }
  interface FrameInfo {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
    isSigned: boolean;
  }
  export interface J2KDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    readHeader(): void;
    decode(): void;
    getFrameInfo(): FrameInfo;
    getColorSpace(): number;
    delete(): void;
  }
  export interface OpenJpegModule {
    J2KDecoder: new () => J2KDecoder;
  }
  const factory: (options?: EmscriptenOptions) => Promise<OpenJpegModule>;
  export default factory;
}

declare module '@cornerstonejs/codec-openjph/wasmjs' {
  interface EmscriptenOptions {
    locateFile?: (path: string, scriptDirectory: string) => string;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }
  interface FrameInfo {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
    isSigned: boolean;
    isUsingColorTransform?: boolean;
  }
  export interface HTJ2KDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    readHeader(): void;
    decode(): void;
    getFrameInfo(): FrameInfo;
    getIsReversible(): boolean;
    delete(): void;
  }
  export interface OpenJphModule {
    HTJ2KDecoder: new () => HTJ2KDecoder;
  }
  const factory: (options?: EmscriptenOptions) => Promise<OpenJphModule>;
  export default factory;
}

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  interface EmscriptenOptions {
    locateFile?: (path: string, scriptDirectory: string) => string;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }
  interface FrameInfo {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
    isSigned: boolean;
  }
  export interface JPEGDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    readHeader(): void;
    decode(): void;
    getFrameInfo(): FrameInfo;
    delete(): void;
  }
  export interface LibJpegTurboModule {
    JPEGDecoder: new () => JPEGDecoder;
  }
  const factory: (options?: EmscriptenOptions) => Promise<LibJpegTurboModule>;
  export default factory;
}
