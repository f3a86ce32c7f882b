import type { EncodedFrame } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { ByteLru } from './byte-lru.js';
import {
  copyFrame,
  frameMemoryKey,
  seriesMemoryKey,
  seriesOnly,
  validators,
} from './memory-keys.js';
import { assertCacheDatabaseName } from './cache-database.js';
import type { CacheWarningCode } from './cache-errors.js';
import {
  frameTuple,
  normalizeServer,
  seriesTuple,
  type FrameKey,
  type PatientRef,
  type SeriesKey,
} from './cache-keys.js';
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
import { sha256Hex, utf8Bytes } from './digest.js';
import { assertEncryptionKey } from './record-seal.js';
import { MemoryTier } from './memory-tier.js';
import { derivePatientHashKey, keyCheck, patientHash, searchSeriesKey } from './patient-hash.js';
import { PersistentConnection, type CacheTierState } from './persistent-connection.js';
import type { PersistentTier } from './persistent-tier.js';
import { PosterShelf } from './poster-shelf.js';
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
  /** Memory series key → patient hash, to drop a patient's decoded frames too. */
  readonly #seriesPatient = new Map<string, string>();
  readonly #serverIds = new Map<string, Promise<string>>();
  readonly #patientKey: Promise<CryptoKey | undefined>;
  readonly #connection: PersistentConnection | undefined;
  readonly #posters: PosterShelf;
  /** Series memory key → its metadata write in flight: a poster is bound to what it stores. */
  readonly #metadataWrites = new Map<string, Promise<unknown>>();
  /** Frame puts not settled yet (sealing, or queued for the next batch). */
  readonly #frameWrites = new Set<Promise<boolean>>();
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
    this.#patientKey = key ? derivePatientHashKey(key) : Promise.resolve(undefined);
    if (this.mode === 'persistent') {
      assertCacheDatabaseName(options.databaseName ?? DEFAULT_CACHE_DATABASE);
      this.#connection = new PersistentConnection({
        databaseName: options.databaseName ?? DEFAULT_CACHE_DATABASE,
        schemaVersion: internals.schemaVersion,
        blockedTimeoutMs: options.blockedTimeoutMs,
        tier: {
          encryptionKey: options.encryptionKey,
          keyCheck: this.#patientKey.then((hmacKey) => hmacKey && keyCheck(hmacKey)),
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
    this.#posters = new PosterShelf({
      tier: () => this.#persistent(),
      seriesTuple: async (frame) => seriesTuple(await this.#serverId(frame.server), frame),
      metadataWritten: (frame) =>
        this.#metadataWrites.get(seriesMemoryKey(frame)) ?? Promise.resolve(),
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

  async getMetadata(key: SeriesKey): Promise<CachedMetadata | undefined> {
    if (this.mode === 'none') return undefined;
    const memoryKey = seriesMemoryKey(key);
    const tier = await this.#persistent();
    if (!tier) {
      return this.#memory.cachedMetadata(memoryKey, this.#now() - this.#ttlMs);
    }
    const tuple = seriesTuple(await this.#serverId(key.server), key);
    const stored = await tier.getSeries(tuple, (poster) => {
      const { sopInstanceUid, frame } = poster;
      this.#posters.found(tier, poster, { ...seriesOnly(key), sopInstanceUid, frame });
    });
    if (!stored) return undefined;
    let metadata: unknown;
    try {
      metadata = JSON.parse(new TextDecoder().decode(stored.json));
    } catch {
      return undefined;
    }
    this.#seriesPatient.set(memoryKey, stored.record.patient);
    void tier.touchSeries(tuple);
    return {
      metadata,
      fetchedAt: stored.record.storedAt,
      contentHash: stored.record.sha256,
      ...(stored.record.etag === null ? {} : { etag: stored.record.etag }),
      ...(stored.record.lastModified === null ? {} : { lastModified: stored.record.lastModified }),
      ...(stored.frameTransferSyntaxUid === undefined
        ? {}
        : { frameTransferSyntaxUid: stored.frameTransferSyntaxUid }),
    };
  }

  async putMetadata(
    key: SeriesKey,
    metadata: unknown,
    options: PutMetadataOptions,
  ): Promise<PutMetadataResult> {
    if (this.mode === 'none') return { stored: false, changed: true };
    try {
      const json = utf8Bytes(JSON.stringify(metadata));
      const patient = await patientHash(options.patient, await this.#patientKey);
      const memoryKey = seriesMemoryKey(key);
      this.#seriesPatient.set(memoryKey, patient);
      const tier = await this.#persistent();
      if (!tier) {
        const series = { metadata, fetchedAt: this.#now(), patient, ...validators(options) };
        const changed = this.#memory.putSeries(memoryKey, series, await sha256Hex(json));
        return { stored: true, changed };
      }
      const tuple = seriesTuple(await this.#serverId(key.server), key);
      const written = tier.putSeries(tuple, json, {
        patient,
        etag: options.etag ?? null,
        lastModified: options.lastModified ?? null,
      });
      this.#metadataWrites.set(memoryKey, written);
      const result = await written.finally(() => {
        if (this.#metadataWrites.get(memoryKey) === written) this.#metadataWrites.delete(memoryKey);
      });
      if (!result) return { stored: false, changed: true };
      return { stored: true, changed: result.previousHash !== result.sha256 };
    } catch {
      // JSON.stringify on a cyclic value, or WebCrypto refused the key.
      this.#warn('io');
      return { stored: false, changed: true };
    }
  }

  async getFrame(key: FrameKey): Promise<EncodedFrame | undefined> {
    if (this.mode === 'none') return undefined;
    const tier = await this.#persistent();
    if (!tier) return copyFrame(this.#memory.frames.get(frameMemoryKey(key)));
    return tier.getFrame(frameTuple(await this.#serverId(key.server), key));
  }

  putFrame(key: FrameKey, bytes: Uint8Array, transferSyntaxUid: string): Promise<boolean> {
    if (this.mode === 'none') return Promise.resolve(false);
    // Copied now: the caller may transfer `bytes` to a decode worker next.
    const put = this.#putFrame(key, bytes.slice(), transferSyntaxUid);
    // A viewer closing as its last frames arrive still writes them (see `close`).
    this.#frameWrites.add(put);
    void put.finally(() => this.#frameWrites.delete(put));
    return put;
  }

  async #putFrame(key: FrameKey, owned: Uint8Array, transferSyntaxUid: string): Promise<boolean> {
    const tier = await this.#persistent();
    if (!tier)
      return this.#memory.frames.set(frameMemoryKey(key), { bytes: owned, transferSyntaxUid });
    try {
      const tuple = frameTuple(await this.#serverId(key.server), key);
      return await tier.putFrame(
        tuple,
        owned,
        transferSyntaxUid,
        this.#seriesPatient.get(seriesMemoryKey(key)) ?? '',
      );
    } catch {
      this.#warn('io');
      return false;
    }
  }

  async listFrames(key: SeriesKey): Promise<FrameKey[]> {
    if (this.mode === 'none') return [];
    const tier = await this.#persistent();
    if (!tier)
      return this.#memory
        .inventory(key)
        .map(({ transferSyntaxUid: _t, length: _l, ...frame }) => frame);
    const tuples = await tier.listFrames(seriesTuple(await this.#serverId(key.server), key));
    return tuples.map(([, , , sopInstanceUid, frame]) => ({
      ...seriesOnly(key),
      sopInstanceUid,
      frame,
    }));
  }

  async inventory(key: SeriesKey): Promise<StoredFrameInfo[]> {
    if (this.mode === 'none') return [];
    const tier = await this.#persistent();
    if (!tier) return this.#memory.inventory(key);
    const records = await tier.inventory(seriesTuple(await this.#serverId(key.server), key));
    return records.map(
      ({ key: [, , , sopInstanceUid, frame], transferSyntaxUid, plainLength }) => ({
        ...seriesOnly(key),
        sopInstanceUid,
        frame,
        transferSyntaxUid,
        length: plainLength,
      }),
    );
  }

  /**
   * The answer to a search (a patient's imaging history from QIDO-RS), cached like series
   * metadata: sealed with the cache key, dropped by `clearPatient(patient)`, expired by the
   * time-to-live. `request` names the search and may hold patient data: only its hash is kept.
   */
  async getSearch(server: string, request: string): Promise<CachedMetadata | undefined> {
    return this.getMetadata(await this.#searchKey(server, request));
  }

  async putSearch(
    server: string,
    request: string,
    answer: unknown,
    options: PutMetadataOptions,
  ): Promise<PutMetadataResult> {
    return this.putMetadata(await this.#searchKey(server, request), answer, options);
  }

  async #searchKey(server: string, request: string): Promise<SeriesKey> {
    return searchSeriesKey(server, request, await this.#patientKey);
  }

  /** True when the series' metadata is cached and fresh (its frames may be partly cached). */
  async hasSeries(key: SeriesKey): Promise<boolean> {
    return (await this.getMetadata(key)) !== undefined;
  }

  async touch(key: SeriesKey): Promise<void> {
    const tier = await this.#persistent();
    if (tier) await tier.touchSeries(seriesTuple(await this.#serverId(key.server), key));
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

  /** Deletes one patient's series and frames from every tier of this cache and from the database. */
  async clearPatient(patient: PatientRef): Promise<void> {
    const hashes = new Set([
      await patientHash(patient, undefined),
      await patientHash(patient, await this.#patientKey),
    ]);
    const series = new Set(this.#memory.deletePatients(hashes));
    for (const [memoryKey, hash] of this.#seriesPatient)
      if (hashes.has(hash)) series.add(memoryKey);
    this.#posters.forget((memoryKey) => series.has(memoryKey));
    for (const memoryKey of series) {
      this.#seriesPatient.delete(memoryKey);
      this.#decoded.deleteWhere((frameKey) => frameKey.startsWith(`${memoryKey}\u0000`));
    }
    const tier = await this.#persistent();
    if (tier) await tier.deletePatients([...hashes]);
  }

  /** Deletes everything: afterwards no store of the database holds a record. */
  async clear(): Promise<void> {
    this.#decoded.clear();
    this.#memory.clear();
    this.#seriesPatient.clear();
    this.#posters.forget(() => true);
    const tier = await this.#persistent();
    if (tier) await tier.clear();
  }

  /**
   * Writes what is queued, frames and posters still being sealed included, then closes the
   * connection; memory tiers are released.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([this.#posters.written(), ...this.#frameWrites]);
    this.#decoded.clear();
    this.#memory.clear();
    await this.#connection?.close();
  }

  async #persistent(): Promise<PersistentTier | undefined> {
    return this.#connection?.tier();
  }

  #serverId(server: string): Promise<string> {
    let id = this.#serverIds.get(server);
    if (!id) {
      id = sha256Hex(utf8Bytes(normalizeServer(server))).then((hex) => hex.slice(0, 32));
      this.#serverIds.set(server, id);
    }
    return id;
  }

  #warn(code: CacheWarningCode): void {
    try {
      this.#options.onWarning?.(code);
    } catch {
      // A host listener must not turn a cache miss into a display failure.
    }
  }
}
