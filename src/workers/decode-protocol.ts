/**
 * The message format between a DecodePool and its decode workers (driven through comlink).
 * Buffers cross by transfer: `bytes` on the way in, `frame.pixels` on the way out.
 */
import type { PixelModule } from '../codecs/pixel-module.js';
import type { PreviewFrame } from '../dicom/preview-frame.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';

export interface DecodeTask {
  readonly bytes: Uint8Array;
  readonly transferSyntaxUid: string;
  readonly module: PixelModule;
  readonly maxPixelsPerFrame: number;
}

/** A reduced-resolution decode of a possibly truncated JPEG 2000 / HTJ2K codestream. */
export interface PreviewTask extends DecodeTask {
  /** Decomposition levels to drop; absent: chosen from how much of the codestream is there. */
  readonly resolutionLevel?: number;
}

/** Typed errors cross the worker boundary as data and are rebuilt as their classes by the pool. */
export type SerializedDecodeError =
  | {
      readonly name: 'UnsupportedTransferSyntaxError';
      readonly message: string;
      readonly transferSyntaxUid: string;
    }
  | {
      readonly name: 'ImageTooLargeError';
      readonly message: string;
      readonly pixels: number;
      readonly limit: number;
    }
  | { readonly name: 'DecodeError' | 'DecoderFaultError'; readonly message: string };

export type DecodeOutcome =
  | {
      readonly ok: true;
      readonly frame: DecodedFrame;
      /** Time spent decoding inside the worker. */ readonly decodeMs: number;
    }
  | { readonly ok: false; readonly error: SerializedDecodeError };

export type PreviewOutcome =
  | { readonly ok: true; readonly frame: PreviewFrame; readonly decodeMs: number }
  | { readonly ok: false; readonly error: SerializedDecodeError };

export type WarmOutcome =
  { readonly ok: true } | { readonly ok: false; readonly error: SerializedDecodeError };

export interface DecodeWorkerApi {
  decode(task: DecodeTask): Promise<DecodeOutcome>;
  decodePreview(task: PreviewTask): Promise<PreviewOutcome>;
  /** Loads the codecs of these transfer syntaxes and compiles their WebAssembly. */
  warm(transferSyntaxUids: readonly string[]): Promise<WarmOutcome>;
}
