/// <reference lib="webworker" />
// A decode worker: one per pool slot, a module worker so codecs load as ES modules.
import * as Comlink from 'comlink';
import { decodePixels } from '../codecs/decode-pixels.js';
import { serializeDecodeError } from './decode-errors.js';
import type { DecodeOutcome, DecodeTask, DecodeWorkerApi } from './decode-protocol.js';

const api: DecodeWorkerApi = {
  async decode(task: DecodeTask): Promise<DecodeOutcome> {
    const start = performance.now();
    try {
      const frame = await decodePixels(task);
      const outcome: DecodeOutcome = { ok: true, frame, decodeMs: performance.now() - start };
      return Comlink.transfer(outcome, [frame.pixels.buffer]);
    } catch (error) {
      return { ok: false, error: serializeDecodeError(error) };
    }
  },
};

Comlink.expose(api);
