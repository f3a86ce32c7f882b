import { DecodeError, DecoderFaultError } from '../dicom/errors.js';
import { assertHeaderMatches, type PixelModule } from './pixel-module.js';

interface EmscriptenOptions {
  locateFile: (path: string, scriptDirectory: string) => string;
  print: (text: string) => void;
  printErr: (text: string) => void;
}

const silent = (): void => undefined;

/**
 * One emscripten module per codec per worker, compiled on first use and reused across frames.
 * `print`/`printErr` are silenced: OpenJPEG logs INFO lines on every decode, which costs time
 * and floods the host's console. After a WASM trap the instance's heap can no longer be
 * trusted, so `discard()` lets the next frame start from a fresh instance.
 */
export class LazyWasmModule<M> {
  private instance: Promise<M> | undefined;

  constructor(
    private readonly name: string,
    private readonly factory: (options: EmscriptenOptions) => Promise<M>,
    private readonly wasmUrl: string,
  ) {}

  get(): Promise<M> {
    this.instance ??= this.factory({
      locateFile: () => this.wasmUrl,
      print: silent,
      printErr: silent,
    }).then(
      (instance) => {
        // Benches and tests place the codec's compilation in the worker's timeline (bench/thin).
        performance.mark(`courbaril:codec-ready:${this.name}`);
        return instance;
      },
      (error: unknown) => {
        this.instance = undefined;
        throw new DecodeError(
          `${this.name}: could not load the WebAssembly decoder (${errorText(error)})`,
        );
      },
    );
    return this.instance;
  }

  discard(): void {
    this.instance = undefined;
  }
}

/**
 * Runs one decode with an embind decoder object: the object is reused while healthy; on any
 * failure it is deleted and the module discarded (a trap may have left the heap corrupt).
 */
export async function withWasmDecoder<M, D extends { delete(): void }, R>(
  module: LazyWasmModule<M>,
  cache: { decoder: D | undefined },
  create: (instance: M) => D,
  codec: string,
  run: (decoder: D) => R,
): Promise<R> {
  const instance = await module.get();
  cache.decoder ??= create(instance);
  try {
    return run(cache.decoder);
  } catch (error) {
    try {
      cache.decoder.delete();
    } catch {
      // The instance may already be aborted; it is dropped below either way.
    }
    cache.decoder = undefined;
    module.discard();
    if (error instanceof DecodeError) throw error;
    throw new DecoderFaultError(`${codec}: ${errorText(error)}`);
  }
}

/**
 * Runs one decode with a decoder object made for it and deleted after. Reduced-resolution
 * decodes use this: OpenJPEG's wrapper returns silently when a decode fails, leaving the
 * previous image in a reused decoder; a fresh one has an empty output buffer instead.
 */
export async function withFreshWasmDecoder<M, D extends { delete(): void }, R>(
  module: LazyWasmModule<M>,
  create: (instance: M) => D,
  codec: string,
  run: (decoder: D) => R,
): Promise<R> {
  const instance = await module.get();
  const decoder = create(instance);
  let trapped = false;
  try {
    return run(decoder);
  } catch (error) {
    trapped = !(error instanceof DecodeError);
    if (error instanceof DecodeError) throw error;
    throw new DecoderFaultError(`${codec}: ${errorText(error)}`);
  } finally {
    try {
      decoder.delete();
    } catch {
      trapped = true;
    }
    if (trapped) module.discard();
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'number') return `native exception ${error}`;
  return String(error);
}

/** Copies the decoded samples out of the WASM heap once, typed per bits per sample. */
export function copyOutOfHeap(
  view: Uint8Array,
  bitsPerSample: number,
  signed: boolean,
  codec: string,
) {
  if (bitsPerSample <= 8) {
    const out = new Uint8Array(view.length);
    out.set(view);
    return signed ? new Int8Array(out.buffer) : out;
  }
  if (bitsPerSample <= 16) {
    if (view.length % 2 !== 0)
      throw new DecodeError(`${codec}: odd decoded length for 16-bit samples`);
    const out = new Uint8Array(view.length);
    out.set(view);
    return signed ? new Int16Array(out.buffer) : new Uint16Array(out.buffer);
  }
  throw new DecodeError(`${codec}: ${bitsPerSample}-bit samples are not supported`);
}

/** What CharLS's and libjpeg-turbo's decoders report of the frame they decoded. */
export interface WasmFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly componentCount: number;
}

/**
 * The decoded samples copied out of the heap, after checking that the decoder produced the
 * frame the Pixel Module describes and exactly its number of samples. Unsigned: signedness
 * is applied later from Pixel Representation.
 */
export function checkedSamples(
  codec: string,
  module: PixelModule,
  info: WasmFrameInfo,
  decoded: Uint8Array,
  bitsPerSample: number,
) {
  assertHeaderMatches(codec, module, {
    width: info.width,
    height: info.height,
    components: info.componentCount,
  });
  const samples = copyOutOfHeap(decoded, bitsPerSample, false, codec);
  const expected = info.width * info.height * info.componentCount;
  if (samples.length !== expected)
    throw new DecodeError(`${codec}: decoded ${samples.length} samples, expected ${expected}`);
  return samples;
}
