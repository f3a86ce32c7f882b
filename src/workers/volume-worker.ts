/// <reference lib="webworker" />
// The volume worker: holds each volume's voxels and computes its reformats where they live.
import * as Comlink from 'comlink';
import { reformat } from '../volume/reformat.js';
import { sliceKey } from '../volume/slice-key.js';
import { planVolume } from '../volume/volume-geometry.js';
import { Volume, volumeBytes } from '../volume/volume.js';
import { serializeVolumeError } from './volume-errors-wire.js';
import type { VolumeOutcome, VolumeWorkerApi } from './volume-protocol.js';

interface Held {
  readonly volume: Volume;
  /** Slice source → slice index k. */
  readonly sliceOf: ReadonlyMap<string, number>;
}

const volumes = new Map<number, Held>();
let nextId = 1;

function attempt<T>(work: () => T): VolumeOutcome<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    return { ok: false, error: serializeVolumeError(error) };
  }
}

function held(id: number): Held {
  const entry = volumes.get(id);
  if (!entry) throw new Error(`No volume ${id} in this worker (released?)`);
  return entry;
}

const api: VolumeWorkerApi = {
  create(slices, options) {
    return Promise.resolve(
      attempt(() => {
        const geometry = planVolume(slices, options);
        const volume = new Volume(geometry, options.maxVolumeBytes);
        const id = nextId++;
        volumes.set(id, {
          volume,
          sliceOf: new Map(geometry.sliceSources.map((source, k) => [sliceKey(source), k])),
        });
        return {
          id,
          geometry,
          voxelType: volume.voxelType,
          bytes: volumeBytes(geometry, volume.voxelType),
        };
      }),
    );
  },
  setSlice(id, source, pixels) {
    return Promise.resolve(
      attempt(() => {
        const { volume, sliceOf } = held(id);
        const k = sliceOf.get(sliceKey(source));
        if (k === undefined)
          throw new Error(
            `Instance ${source.instance} frame ${source.frame} is not a slice of volume ${id}`,
          );
        volume.setSlice(k, pixels);
        return volume.loadedCount;
      }),
    );
  },
  reformat(id, plane, options) {
    const outcome = attempt(() => reformat(held(id).volume, plane, options));
    return Promise.resolve(
      outcome.ok
        ? Comlink.transfer(outcome, [outcome.value.pixels.buffer, outcome.value.status.buffer])
        : outcome,
    );
  },
  release(id) {
    volumes.delete(id);
    return Promise.resolve();
  },
};

Comlink.expose(api);
