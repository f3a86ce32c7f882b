/// <reference lib="webworker" />
// A decode worker: one per pool slot, a module worker so codecs load as ES modules.
import * as Comlink from 'comlink';
import { decodePixels } from '../codecs/decode-pixels.js';
import { decodePreviewPixels } from '../codecs/decode-preview.js';
import { codecFor } from '../codecs/registry.js';
import { serializeDecodeError } from './decode-errors.js';
import type {
  DecodeOutcome,
  DecodeTask,
  DecodeWorkerApi,
  PreviewOutcome,
  PreviewTask,
  WarmOutcome,
} from './decode-protocol.js';

/*
 * User Timing marks in the worker's own timeline, for benches and tests (bench/thin reads them to
 * place worker start, codec compilation and the first decode against the network): one each, so a
 * long-lived worker's timeline does not grow with every frame.
 */
let decodedOnce = false;

const api: DecodeWorkerApi = {
  async decode(task: DecodeTask): Promise<DecodeOutcome> {
    const start = performance.now();
    try {
      const frame = await decodePixels(task);
      if (!decodedOnce) {
        decodedOnce = true;
        performance.mark('courbaril:first-decode');
      }
      const outcome: DecodeOutcome = { ok: true, frame, decodeMs: performance.now() - start };
      return Comlink.transfer(outcome, [frame.pixels.buffer]);
    } catch (error) {
      return { ok: false, error: serializeDecodeError(error) };
    }
  },
  async decodePreview(task: PreviewTask): Promise<PreviewOutcome> {
    const start = performance.now();
    try {
      const frame = await decodePreviewPixels(task);
      const outcome: PreviewOutcome = { ok: true, frame, decodeMs: performance.now() - start };
      return Comlink.transfer(outcome, [frame.pixels.buffer]);
    } catch (error) {
      return { ok: false, error: serializeDecodeError(error) };
    }
  },
  async warm(transferSyntaxUids: readonly string[]): Promise<WarmOutcome> {
    try {
      await Promise.all(
        transferSyntaxUids.map(async (uid) => {
          const codec = await codecFor(uid);
          await codec.warm?.();
        }),
      );
      return { ok: true };
    } catch (error) {
      return { ok: false, error: serializeDecodeError(error) };
    }
  },
};

Comlink.expose(api);
performance.mark('courbaril:decode-worker-ready');
