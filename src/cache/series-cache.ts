import type { EncodedFrame } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { ByteLru } from './byte-lru.js';
import { copyFrame, frameMemoryKey, seriesMemoryKey } from './memory-keys.js';
import { assertCacheDatabaseName } from './cache-database.js';
import type { CacheWarningCode } from './cache-errors.js';
import type { FrameKey, PatientRef, SeriesKey } from './cache-keys.js';
import { ephemeralKey, keyringFor, type CacheKeyring } from './cache-keyring.js';
import {
  DEFAULT_MAX_MEMORY_BYTES,
  DEFAULT_MAX_STORED_BYTES,
  DEFAULT_TTL_MS,
  QUOTA_SHARE,
  defaultDecodedBytes,
  type CacheMode,
  type SeriesCacheOptions,
} from './cache-options.js';
import { DEFAULT_CACHE_DATABASE } from './cache-schema.js';
import { assertEncryptionKey } from './record-seal.js';
import { MemoryTier } from './memory-tier.js';
import { PersistentConnection, type CacheTierState } from './persistent-connection.js';
import type { PersistentTier, StillWanted } from './persistent-tier.js';
import { PosterShelf } from './poster-shelf.js';
import { InstanceIndex } from './instance-index.js';
import { MetadataRecords } from './metadata-records.js';
import { WriteTracker } from './write-tracker.js';
import type {
  CachedMetadata,
  PutMetadataOptions,
  PutMetadataResult,
  SeriesStore,
  StoredFrameInfo,
} from './series-store.js';

/**
 * One viewer's cache: decoded pixels in a byte-bounded LRU, compressed frames and series
 * metadata in IndexedDB (shared with every viewer and tab that names the same database) or in
 * memory. Construct one per viewer; `close()` it when the viewer goes.
 *
 * No read or write throws: failures are misses or `false`, reported through `onWarning`
 * without data. `clear` and `clearPatient` do reject on failure: the host must know when a
 * deletion it asked for did not happen.
 */
export class SeriesCache implements SeriesStore {
  readonly mode: CacheMode;
  readonly #options: SeriesCacheOptions;
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #decoded: ByteLru<DecodedFrame>;
  readonly #memory: MemoryTier;
  /** Keys of this page when no persistent tier is open (memory mode, IndexedDB unusable). */
  #localKeyring: Promise<CacheKeyring> | undefined;
  readonly #connection: PersistentConnection | undefined;
  readonly #posters: PosterShelf;
  readonly #metadata: MetadataRecords;
  /** Frame puts not settled yet (sealing, or queued for the next batch), and purges. */
  readonly #writes = new WriteTracker();
  readonly #instances = new InstanceIndex();
  #closed = false;

  /**
   * @param internals Not public API: tests open a higher schema version to play a newer build
   * of Courbaril whose upgrade an older tab is blocking.
   */
  constructor(
    options: SeriesCacheOptions = {},
    internals: { readonly schemaVersion?: number } = {},
  ) {
    this.#options = options;
    this.mode = options.mode ?? 'persistent';
    this.#now = options.now ?? Date.now;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#decoded = new ByteLru<DecodedFrame>(
      options.maxDecodedBytes ?? defaultDecodedBytes(),
      (frame) => frame.pixels.byteLength,
    );
    this.#memory = new MemoryTier(options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES);
    const key = options.encryptionKey;
    if (key) assertEncryptionKey(key);
    if (this.mode === 'persistent') {
      assertCacheDatabaseName(options.databaseName ?? DEFAULT_CACHE_DATABASE);
      this.#connection = new PersistentConnection({
        databaseName: options.databaseName ?? DEFAULT_CACHE_DATABASE,
        schemaVersion: internals.schemaVersion,
        blockedTimeoutMs: options.blockedTimeoutMs,
        hostKey: key,
        scope: options.scope ?? '',
        tier: {
          now: this.#now,
          ttlMs: this.#ttlMs,
          maxStoredBytes: options.maxStoredBytes ?? DEFAULT_MAX_STORED_BYTES,
          quotaShare: QUOTA_SHARE,
        },
        warn: (code) => {
          this.#warn(code);
        },
      });
    }
    this.#metadata = new MetadataRecords({
      now: this.#now,
      ttlMs: this.#ttlMs,
      memory: this.#memory,
      instances: this.#instances,
      writes: this.#writes,
      persistent: () => this.#persistent(),
      keyring: () => this.#keyring(),
      posterFound: (tier, poster, frame) => {
        this.#posters.found(tier, poster, frame);
      },
      warn: (code) => {
        this.#warn(code);
      },
    });
    this.#posters = new PosterShelf({
      tier: () => this.#persistent(),
      seriesTuple: async (frame) => (await this.#keyring()).records.series(frame),
      stillWanted: () => this.#writes.stillWanted(),
      metadataWritten: (frame) => this.#metadata.written(frame),
      ...(options.maxPosterBytes === undefined ? {} : { maxBytes: options.maxPosterBytes }),
      opened: (frame, decoded) => {
        this.#decoded.set(frameMemoryKey(frame), decoded);
      },
    });
  }

  /** Resolves once the persistent tier is open, or known not to be (then `state` says why). */
  get ready(): Promise<void> {
    return this.#connection?.ready ?? Promise.resolve();
  }

  get state(): CacheTierState {
    if (this.#closed) return 'closed';
    return this.#connection?.state ?? this.mode;
  }

  /** Decoded bytes held in memory (bounded by `maxDecodedBytes`). */
  get decodedBytes(): number {
    return this.#decoded.bytes;
  }

  /** The bound of the decoded-frame memory (`maxDecodedBytes`, or the device's default). */
  get maxDecodedBytes(): number {
    return this.#decoded.maxBytes;
  }

  async getMetadata(key: SeriesKey): Promise<CachedMetadata | undefined> {
    if (this.mode === 'none') return undefined;
    return this.#metadata.get(key);
  }

  async putMetadata(
    key: SeriesKey,
    metadata: unknown,
    options: PutMetadataOptions,
  ): Promise<PutMetadataResult> {
    if (this.mode === 'none') return { stored: false, changed: true };
    return this.#metadata.put(key, metadata, options);
  }

  async getFrame(key: FrameKey): Promise<EncodedFrame | undefined> {
    if (this.mode === 'none') return undefined;
    const tier = await this.#persistent();
    if (!tier) return copyFrame(this.#memory.frames.get(frameMemoryKey(key)));
    return tier.getFrame(await tier.keyring.records.frame(key));
  }

  putFrame(key: FrameKey, bytes: Uint8Array, transferSyntaxUid: string): Promise<boolean> {
    if (this.mode === 'none') return Promise.resolve(false);
    // Copied now: the caller may transfer `bytes` to a decode worker next.
    const put = this.#putFrame(key, bytes.slice(), transferSyntaxUid, this.#writes.stillWanted());
    // A viewer closing as its last frames arrive still writes them (see `close`), and
    // `whenStored` waits for a series' writes.
    this.#writes.track(seriesMemoryKey(key), put);
    return put;
  }

  async #putFrame(
    key: FrameKey,
    owned: Uint8Array,
    transferSyntaxUid: string,
    wanted: StillWanted,
  ): Promise<boolean> {
    const tier = await this.#persistent();
    if (!tier)
      return (
        wanted() &&
        this.#memory.frames.set(frameMemoryKey(key), { bytes: owned, transferSyntaxUid })
      );
    try {
      const { records } = tier.keyring;
      const [tuple, scope] = await Promise.all([records.frame(key), records.scope()]);
      const patient = this.#metadata.seriesPatient.get(seriesMemoryKey(key)) ?? '';
      return await tier.putFrame(tuple, owned, transferSyntaxUid, { patient, scope }, wanted);
    } catch {
      this.#warn('io');
      return false;
    }
  }

  /**
   * Frames of the series held, among `sopInstanceUids` and the instances its metadata (read or
   * put through this cache) names: records are keyed by keyed hashes, which name a frame only
   * to whoever knows its UID already.
   */
  async listFrames(key: SeriesKey, sopInstanceUids: readonly string[] = []): Promise<FrameKey[]> {
    return (await this.inventory(key, sopInstanceUids)).map(
      ({ transferSyntaxUid: _t, length: _l, ...frame }) => frame,
    );
  }

  async inventory(
    key: SeriesKey,
    sopInstanceUids: readonly string[] = [],
  ): Promise<StoredFrameInfo[]> {
    if (this.mode === 'none') return [];
    const tier = await this.#persistent();
    if (!tier) return this.#memory.inventory(key);
    const candidates = this.#instances.candidates(key, sopInstanceUids);
    return this.#instances.name(key, candidates, tier);
  }

  /**
   * Once the series' frame writes asked for so far have settled: their records committed with
   * strict durability, how many frames of `sopInstanceUids` the store holds. Undefined when no
   * persistent tier is open (nothing outlives the page).
   */
  async whenStored(
    key: SeriesKey,
    sopInstanceUids: readonly string[],
  ): Promise<number | undefined> {
    await this.#writes.settled(seriesMemoryKey(key));
    const tier = await this.#persistent();
    if (!tier || !(await tier.flush())) return undefined;
    return (await this.inventory(key, sopInstanceUids)).length;
  }

  /**
   * The answer to a search (a patient's imaging history from QIDO-RS), cached like series
   * metadata: sealed, dropped by `clearPatient(patient)`, expired by the time-to-live.
   * `request` names the search and may hold patient data: only its keyed hash is kept.
   */
  async getSearch(server: string, request: string): Promise<CachedMetadata | undefined> {
    return this.getMetadata(searchKey(server, request));
  }

  async putSearch(
    server: string,
    request: string,
    answer: unknown,
    options: PutMetadataOptions,
  ): Promise<PutMetadataResult> {
    return this.putMetadata(searchKey(server, request), answer, options);
  }

  /** True when the series' metadata is cached and fresh (its frames may be partly cached). */
  async hasSeries(key: SeriesKey): Promise<boolean> {
    return (await this.getMetadata(key)) !== undefined;
  }

  async touch(key: SeriesKey): Promise<void> {
    const tier = await this.#persistent();
    if (tier) await tier.touchSeries(await tier.keyring.records.series(key));
  }

  /**
   * Deletes expired records and evicts least-recently-used series down to the size budget
   * (refitted to `navigator.storage.estimate()`). Runs once when the database opens; a host
   * keeping a viewer open for days may call it periodically.
   */
  async sweep(): Promise<void> {
    await this.#connection?.maintain();
    this.#memory.deleteExpired(this.#now() - this.#ttlMs);
  }

  /** Shared with the cache: render from it, never transfer its buffer. */
  getDecoded(key: FrameKey): DecodedFrame | undefined {
    return this.#decoded.get(frameMemoryKey(key));
  }

  /** Evicted decoded frames are decoded again from the compressed copy, never refetched. */
  putDecoded(key: FrameKey, frame: DecodedFrame): void {
    this.#decoded.set(frameMemoryKey(key), frame);
  }

  /**
   * The frame's poster while it is read from the persistent tier — the decoded pixels of the
   * frame the series was first shown at, kept so that reopening it needs no decode — else
   * undefined at once. `getMetadata` starts the read; once read, the frame is in the decoded
   * memory (`getDecoded`). Resolves to undefined when the poster fails its checks (it is then
   * dropped, and the caller decodes as usual). The frame is shared like `getDecoded`'s.
   */
  storedDecoded(key: FrameKey): Promise<DecodedFrame | undefined> | undefined {
    return this.#posters.read(key);
  }

  /** A frame on screen: the first shown of its series in this session is kept as its poster. */
  shown(key: FrameKey, frame: DecodedFrame): void {
    if (this.mode === 'persistent' && !this.#closed) this.#posters.shown(key, frame);
  }

  /**
   * Deletes one patient's series and frames (in this cache's scope) from every tier of this
   * cache and from the database. Writes asked for before the call never land after it.
   */
  async clearPatient(patient: PatientRef): Promise<void> {
    this.#writes.purge();
    const hashes = new Set([await (await this.#keyring()).records.patient(patient)]);
    const series = new Set(this.#memory.deletePatients(hashes));
    for (const [memoryKey, hash] of this.#metadata.seriesPatient)
      if (hashes.has(hash)) series.add(memoryKey);
    this.#posters.forget((memoryKey) => series.has(memoryKey));
    for (const memoryKey of series) {
      this.#metadata.seriesPatient.delete(memoryKey);
      this.#decoded.deleteWhere((frameKey) => frameKey.startsWith(`${memoryKey}\u0000`));
    }
    const tier = await this.#persistent();
    if (tier) await tier.deletePatients([...hashes]);
  }

  /** Deletes every record of one user's scope (default: this cache's own), in memory too. */
  async clearScope(scope = this.#options.scope ?? ''): Promise<void> {
    this.#writes.purge();
    this.#forgetAll();
    const tier = await this.#persistent();
    if (tier) await tier.deleteScope(await tier.keyring.records.hash('scope', scope));
  }

  /**
   * Deletes everything: afterwards no store of the database holds a record, and no write
   * asked for before the call lands later (queued ones are dropped, those in flight awaited).
   */
  async clear(): Promise<void> {
    this.#writes.purge();
    this.#forgetAll();
    const tier = await this.#persistent();
    if (tier) await tier.clear();
  }

  #forgetAll(): void {
    this.#decoded.clear();
    this.#memory.clear();
    this.#metadata.seriesPatient.clear();
    this.#posters.forget(() => true);
  }

  /**
   * Writes what is queued, frames and posters still being sealed included, then closes the
   * connection; memory tiers are released.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([this.#posters.written(), this.#writes.all()]);
    this.#decoded.clear();
    this.#memory.clear();
    this.#instances.clear();
    await this.#connection?.close();
  }

  async #persistent(): Promise<PersistentTier | undefined> {
    return this.#connection?.tier();
  }

  /** The open tier's keys, else this page's own (never stored). */
  async #keyring(): Promise<CacheKeyring> {
    const tier = await this.#persistent();
    if (tier) return tier.keyring;
    const scope = this.#options.scope ?? '';
    this.#localKeyring ??= (async () =>
      keyringFor(this.#options.encryptionKey ?? (await ephemeralKey()), scope))();
    return this.#localKeyring;
  }

  #warn(code: CacheWarningCode): void {
    try {
      this.#options.onWarning?.(code);
    } catch {
      // A host listener must not turn a cache miss into a display failure.
    }
  }
}

/** A search cached as a series: its "study" is not a UID (PS3.5 §9.1: digits and dots). */
function searchKey(server: string, request: string): SeriesKey {
  return { server, studyInstanceUid: 'search', seriesInstanceUid: `search\u0000${request}` };
}
