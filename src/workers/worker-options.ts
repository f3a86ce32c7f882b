import { TransferSyntax } from '../dicom/transfer-syntax.js';

/**
 * Where decode workers come from, set once by the host page (there is one page, one CSP and
 * one place the files are served). Every DecodePool made without its own `createWorker`,
 * including the viewers' pools and `decodeFrame`'s default pool, reads it when it starts a
 * worker, so a host may call `configureWorkers` before or after loading the elements.
 */
export interface WorkerOptions {
  /**
   * URL of a folder holding a copy of Courbaril's standalone build (`dist/standalone/` of the
   * package: `courbaril.js` and `assets/`), e.g. a CDN. The decode worker is then
   * `assets/decode-worker.js` there and loads its codecs beside it. Default: the files the
   * host's bundler emitted, or those beside the standalone module.
   */
  readonly assetBase?: string | URL;
  /**
   * Makes each decode worker from the URL Courbaril would load (a hook for hosts with their
   * own Trusted Types policy or worker rules). It must return a module worker running that
   * script. Called only when the URL is known: with the standalone module, or with `assetBase`.
   */
  readonly createWorker?: (url: URL) => Worker;
  /**
   * Transfer syntaxes whose codecs a viewer's first decode worker compiles while its first
   * metadata request is in flight, before any answer says which the frames use (issue 18: cold
   * start off the critical path). Default: JPEG-LS lossless, JPEG 2000 lossless and JPEG
   * lossless SV1, the compressions PACS most often store; `[]` compiles nothing ahead.
   */
  readonly expectedTransferSyntaxes?: readonly string[];
}

/** PS3.5 A.4: JPEG-LS lossless, JPEG 2000 lossless, JPEG lossless process 14 SV1. */
export const DEFAULT_EXPECTED_TRANSFER_SYNTAXES: readonly string[] = [
  TransferSyntax.JpegLsLossless,
  TransferSyntax.Jpeg2000Lossless,
  TransferSyntax.JpegLosslessSv1,
];

let current: WorkerOptions = {};

/** Sets the page's worker options; later calls replace earlier ones, `{}` restores the defaults. */
export function configureWorkers(options: WorkerOptions): void {
  current = { ...options };
}

/** The worker options in force. */
export function workerOptions(): WorkerOptions {
  return current;
}

/** The transfer syntaxes a pool prepares for before it knows (WorkerOptions.expectedTransferSyntaxes). */
export function expectedTransferSyntaxes(): readonly string[] {
  return current.expectedTransferSyntaxes ?? DEFAULT_EXPECTED_TRANSFER_SYNTAXES;
}
