/**
 * Series metadata (and cached searches) in the cache's tiers: sealed in IndexedDB with its
 * HTTP validators and the poster bound to it, or kept in memory; which patient each series
 * belongs to, so that a patient's frames are filed and purged with it.
 */
import type { CacheWarningCode } from './cache-errors.js';
import type { FrameKey, SeriesKey } from './cache-keys.js';
import type { CacheKeyring } from './cache-keyring.js';
import type { PosterRecord } from './cache-schema.js';
import { sha256Hex, utf8Bytes } from './digest.js';
import type { InstanceIndex } from './instance-index.js';
import { seriesMemoryKey, seriesOnly, validators } from './memory-keys.js';
import type { MemoryTier } from './memory-tier.js';
import type { PersistentTier } from './persistent-tier.js';
import type { CachedMetadata, PutMetadataOptions, PutMetadataResult } from './series-store.js';
import type { WriteTracker } from './write-tracker.js';

export interface MetadataRecordsDeps {
  readonly now: () => number;
  readonly ttlMs: number;
  readonly memory: MemoryTier;
  readonly instances: InstanceIndex;
  readonly writes: WriteTracker;
  readonly persistent: () => Promise<PersistentTier | undefined>;
  readonly keyring: () => Promise<CacheKeyring>;
  /** A poster record was found beside the metadata, for the frame it shows. */
  readonly posterFound: (tier: PersistentTier, poster: PosterRecord, frame: FrameKey) => void;
  readonly warn: (code: CacheWarningCode) => void;
}

export class MetadataRecords {
  /** Memory series key → patient hash, to drop a patient's decoded frames too. */
  readonly seriesPatient = new Map<string, string>();
  readonly #deps: MetadataRecordsDeps;
  /** Series memory key → its metadata write in flight: a poster is bound to what it stores. */
  readonly #writes = new Map<string, Promise<unknown>>();

  constructor(deps: MetadataRecordsDeps) {
    this.#deps = deps;
  }

  /** Settles once the series' metadata write in flight (if any) has. */
  written(key: SeriesKey): Promise<unknown> {
    return this.#writes.get(seriesMemoryKey(key)) ?? Promise.resolve();
  }

  async get(key: SeriesKey): Promise<CachedMetadata | undefined> {
    const memoryKey = seriesMemoryKey(key);
    const tier = await this.#deps.persistent();
    if (!tier) {
      return this.#deps.memory.cachedMetadata(memoryKey, this.#deps.now() - this.#deps.ttlMs);
    }
    const tuple = await tier.keyring.records.series(key);
    let posterFound: Promise<void> | undefined;
    const stored = await tier.getSeries(tuple, (poster) => {
      // Its frame reference is sealed too: opened beside the metadata.
      posterFound = tier.posterRef(poster).then((ref) => {
        if (ref) this.#deps.posterFound(tier, poster, { ...seriesOnly(key), ...ref });
      });
    });
    await posterFound;
    if (!stored) return undefined;
    let metadata: unknown;
    try {
      metadata = JSON.parse(new TextDecoder().decode(stored.json));
    } catch {
      return undefined;
    }
    this.seriesPatient.set(memoryKey, stored.record.patient);
    this.#deps.instances.learn(key, metadata);
    void tier.touchSeries(tuple);
    return {
      metadata,
      fetchedAt: stored.record.storedAt,
      contentHash: stored.record.digest,
      ...validators(stored),
      ...(stored.frameTransferSyntaxUid === undefined
        ? {}
        : { frameTransferSyntaxUid: stored.frameTransferSyntaxUid }),
    };
  }

  async put(
    key: SeriesKey,
    metadata: unknown,
    options: PutMetadataOptions,
  ): Promise<PutMetadataResult> {
    const wanted = this.#deps.writes.stillWanted();
    try {
      const json = utf8Bytes(JSON.stringify(metadata));
      const { records } = await this.#deps.keyring();
      const [patient, scope] = await Promise.all([
        records.patient(options.patient),
        records.scope(),
      ]);
      const memoryKey = seriesMemoryKey(key);
      this.seriesPatient.set(memoryKey, patient);
      this.#deps.instances.learn(key, metadata);
      const tier = await this.#deps.persistent();
      if (!tier) {
        const series = { metadata, fetchedAt: this.#deps.now(), patient, ...validators(options) };
        const changed = this.#deps.memory.putSeries(memoryKey, series, await sha256Hex(json));
        return { stored: true, changed };
      }
      const tuple = await tier.keyring.records.series(key);
      const written = tier.putSeries(
        tuple,
        json,
        { patient, scope, ...validators(options) },
        wanted,
      );
      this.#writes.set(memoryKey, written);
      const result = await written.finally(() => {
        if (this.#writes.get(memoryKey) === written) this.#writes.delete(memoryKey);
      });
      if (!result) return { stored: false, changed: true };
      return { stored: true, changed: result.previousDigest !== result.digest };
    } catch {
      // JSON.stringify on a cyclic value, or WebCrypto refused the key.
      this.#deps.warn('io');
      return { stored: false, changed: true };
    }
  }
}
