/**
 * The WASM encoders shipped inside the codec packages Courbaril already
 * depends on, so generating the demo data needs nothing but Node.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * @typedef {{ width: number, height: number, bitsPerSample: number, componentCount: number, isSigned?: boolean, isUsingColorTransform?: boolean }} FrameInfo
 * @typedef {{ getDecodedBuffer(info: FrameInfo): Uint8Array, getEncodedBuffer(): Uint8Array, encode(): void, delete(): void }} WasmEncoder
 * @typedef {WasmEncoder & { setNearLossless(n: number): void, setInterleaveMode(m: number): void }} JpegLsEncoder
 * @typedef {WasmEncoder & { setQuality(lossless: boolean, quality: number): void, setDecompositions(n: number): void }} J2kEncoder
 * @typedef {WasmEncoder & { setQuality(q: number): void, setProgressive(p: number): void, setSubSampling(s: number): void }} JpegEncoder
 */

/** @type {Map<string, Promise<Record<string, new () => WasmEncoder>>>} */
const modules = new Map();

/** @param {string} id */
function load(id) {
  let module = modules.get(id);
  if (!module) {
    /** @type {(options: object) => Promise<Record<string, new () => WasmEncoder>>} */
    const factory = require(id);
    // Emscripten prints progress on stdout; the generator prints one summary line instead.
    // A fresh options object per module: emscripten turns it into the module itself.
    module = factory({ print() {}, printErr() {} });
    modules.set(id, module);
  }
  return module;
}

/**
 * @param {WasmEncoder} encoder
 * @param {FrameInfo} info
 * @param {Uint8Array | Uint16Array | Int16Array} pixels
 */
async function run(encoder, info, pixels) {
  try {
    const input = encoder.getDecodedBuffer(info);
    input.set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
    encoder.encode();
    // Copy out: the encoded view lives on the WASM heap and dies with the encoder.
    return Uint8Array.from(encoder.getEncodedBuffer());
  } finally {
    encoder.delete();
  }
}

/**
 * JPEG-LS lossless (1.2.840.10008.1.2.4.80). Signed samples are encoded as their
 * two's-complement bit pattern, as PS3.5 §8.2.3 leaves the sign to Pixel Representation.
 * @param {Uint16Array | Int16Array} pixels
 * @param {number} width
 * @param {number} height
 * @param {number} bitsPerSample
 */
export async function encodeJpegLsLossless(pixels, width, height, bitsPerSample) {
  const { JpegLSEncoder } = await load('@cornerstonejs/codec-charls/wasmjs');
  const encoder = /** @type {JpegLsEncoder} */ (
    new /** @type {new () => WasmEncoder} */ (JpegLSEncoder)()
  );
  encoder.setNearLossless(0);
  return run(encoder, { width, height, bitsPerSample, componentCount: 1 }, pixels);
}

/**
 * JPEG 2000 lossless (1.2.840.10008.1.2.4.90): a raw J2K codestream, reversible 5/3 wavelet.
 * @param {Uint16Array} pixels
 * @param {number} width
 * @param {number} height
 * @param {number} bitsPerSample
 */
export async function encodeJpeg2000Lossless(pixels, width, height, bitsPerSample) {
  const { J2KEncoder } = await load('@cornerstonejs/codec-openjpeg/wasmjs');
  const encoder = /** @type {J2kEncoder} */ (
    new /** @type {new () => WasmEncoder} */ (J2KEncoder)()
  );
  encoder.setQuality(true, 0);
  encoder.setDecompositions(5);
  return run(
    encoder,
    {
      width,
      height,
      bitsPerSample,
      componentCount: 1,
      isSigned: false,
      isUsingColorTransform: false,
    },
    pixels,
  );
}

/**
 * JPEG baseline (1.2.840.10008.1.2.4.50) of interleaved RGB, written by libjpeg
 * as YCbCr 4:2:2: hence Photometric Interpretation YBR_FULL_422 (PS3.5 §8.2.1).
 * @param {Uint8Array} rgb
 * @param {number} width
 * @param {number} height
 * @param {number} quality 1–100
 */
export async function encodeJpegBaselineRgb(rgb, width, height, quality) {
  const { JPEGEncoder } = await load('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs');
  const encoder = /** @type {JpegEncoder} */ (
    new /** @type {new () => WasmEncoder} */ (JPEGEncoder)()
  );
  encoder.setProgressive(0);
  encoder.setQuality(quality);
  encoder.setSubSampling(1); // TJSAMP_422
  return run(encoder, { width, height, bitsPerSample: 8, componentCount: 3, isSigned: false }, rgb);
}
