import type { EncodedFrame } from '../dicom/dataset.js';
import { seriesFrameRange, tupleString, type FrameTuple, type SeriesTuple } from './cache-keys.js';
import { isQuotaExceeded, type CacheWarningListener } from './cache-errors.js';
import type { CacheDatabase, FrameRecord, PosterRecord, SeriesRecord } from './cache-schema.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import {
  describePoster,
  posterBytes,
  posterFrame,
  posterRecord,
  type PosterFrameRef,
  type PosterImage,
} from './poster.js';
import {
  deleteAllRecords,
  deleteExpired,
  deletePatientRecords,
  evictLeastRecentlyUsed,
  measureStoredBytes,
} from './eviction.js';
import {
  looksOpenable,
  sealPayload,
  storedSize,
  unsealPayload,
  type SealedPayload,
} from './record-seal.js';
import { FrameWriteQueue } from './frame-write-queue.js';

export interface PersistentTierConfig {
  readonly db: CacheDatabase;
  readonly encryptionKey: CryptoKey | undefined;
  /** `keyCheck` of `encryptionKey` (see patient-hash.ts), undefined without a key. */
  readonly keyCheck: Promise<string | undefined>;
  readonly now: () => number;
  readonly ttlMs: number;
  /** Upper bound before `navigator.storage.estimate()` is consulted. */
  readonly maxStoredBytes: number;
  readonly quotaShare: number;
  readonly warn: CacheWarningListener;
}

export interface StoredSeries {
  readonly record: SeriesRecord;
  readonly json: Uint8Array;
  /** Of the series' first stored frame (key order), if any. */
  readonly frameTransferSyntaxUid: string | undefined;
}

type WriteOutcome = 'ok' | 'quota' | 'error';

/**
 * The IndexedDB tier: seals and opens records, keeps the size budget, drops what fails its
 * checks. Every method resolves (a miss or false) rather than throwing into display, except
 * the deletions a host asked for, which must not fail silently.
 */
export class PersistentTier {
  readonly #config: PersistentTierConfig;
  readonly #frameWrites: FrameWriteQueue;
  /** Our bytes on disk as last measured, moved by our own writes; re-measured on eviction. */
  #storedBytes = 0;
  /** The first measurement of `#storedBytes`, made by the opening sweep or the first write. */
  #measured: Promise<void> | undefined;
  #budget: number;

  constructor(config: PersistentTierConfig) {
    this.#config = config;
    this.#budget = config.maxStoredBytes;
    this.#frameWrites = new FrameWriteQueue((records) => this.#write(records));
  }

  get db(): CacheDatabase {
    return this.#config.db;
  }

  get budgetBytes(): number {
    return this.#budget;
  }

  /** Fits the budget to the origin's quota, then applies time-to-live and the budget once. */
  async maintain(): Promise<void> {
    try {
      // StorageManager exists only in secure contexts, whatever the DOM typings say.
      const storage = navigator.storage as StorageManager | undefined;
      const estimate = await storage?.estimate();
      if (estimate?.quota)
        this.#budget = Math.min(
          this.#config.maxStoredBytes,
          estimate.quota * this.#config.quotaShare,
        );
      await deleteExpired(this.db, this.#config.now() - this.#config.ttlMs);
      this.#measured = this.#measureNow();
      await this.#measured;
      if (this.#storedBytes > this.#budget) await this.#evict(0);
    } catch {
      this.#config.warn('io');
    }
  }

  /**
   * The series record and its metadata. `onPoster` is handed the series' poster record as soon
   * as the records are read — before the metadata is opened — when it would open: drawn under
   * this metadata, sealed under this key, unexpired.
   */
  async getSeries(
    tuple: SeriesTuple,
    onPoster?: (poster: PosterRecord) => void,
  ): Promise<StoredSeries | undefined> {
    // The reads at once: the frame's syntax costs one cursor step beside the series record,
    // and the poster record is a handle (its payload is read by whoever opens it).
    const [record, frame, poster] = await Promise.all([
      this.#read(() => this.db.get('series', tuple)),
      this.#read(
        async () =>
          (await this.db.transaction('frames').store.openCursor(seriesFrameRange(tuple)))?.value,
      ),
      onPoster ? this.#read(() => this.db.get('posters', tuple)) : undefined,
    ]);
    if (!record) return undefined;
    // Drawn under the metadata stored now, and openable like any record.
    if (poster && poster.seriesHash === record.sha256 && (await this.#opensNow())(poster))
      onPoster?.(poster);
    const json = await this.#open('series', record, tupleString('series', tuple));
    return json && { record, json, frameTransferSyntaxUid: frame?.transferSyntaxUid };
  }

  /** The poster's frame, or undefined (a record failing its checks is dropped). */
  async openPoster(record: PosterRecord): Promise<DecodedFrame | undefined> {
    const bytes = await this.#open('posters', record, tupleString('poster', record.key));
    const frame = bytes && posterFrame(record, bytes);
    if (bytes && !frame) {
      this.#config.warn('integrity');
      await this.#drop('posters', record);
    }
    return frame;
  }

  /**
   * Keeps `frame` as the poster of `series` (replacing any), bound to the series metadata
   * stored now: false when there is none, the frame is not kept as a poster (too large, odd
   * pixels) or the budget has no room.
   */
  async putPoster(
    series: SeriesTuple,
    ref: PosterFrameRef,
    image: PosterImage,
    full: { readonly rows: number; readonly columns: number },
  ): Promise<boolean> {
    const { frame, scale } = image;
    const description = describePoster(frame);
    const seriesRecord = description && (await this.#read(() => this.db.get('series', series)));
    if (!description || !seriesRecord) return false;
    const sealed = await sealPayload(
      posterBytes(frame),
      tupleString('poster', series),
      this.#config.encryptionKey,
    );
    const reduced = scale === 1 ? {} : { scale, fullRows: full.rows, fullColumns: full.columns };
    const record = posterRecord(
      series,
      ref,
      { ...description, ...reduced },
      {
        seriesRecord,
        sealed,
        keyCheck: await this.#keyCheck(),
        now: this.#config.now(),
      },
    );
    return this.#storeWithinBudget(record.size, async () => {
      await this.db.put('posters', record);
    });
  }

  /** Returns the previous content hash (undefined when new) or false when not stored. */
  async putSeries(
    tuple: SeriesTuple,
    json: Uint8Array,
    fields: { patient: string; etag: string | null; lastModified: string | null },
  ): Promise<{ previousHash: string | undefined; sha256: string } | false> {
    const sealed = await sealPayload(
      json,
      tupleString('series', tuple),
      this.#config.encryptionKey,
    );
    const now = this.#config.now();
    const record: SeriesRecord = {
      key: tuple,
      ...fields,
      ...sealed,
      storedAt: now,
      accessedAt: now,
      size: storedSize(sealed),
    };
    await this.#measure();
    let previousHash: string | undefined;
    const write = async (): Promise<WriteOutcome> =>
      this.#attempt(async () => {
        const tx = this.db.transaction('series', 'readwrite');
        previousHash = (await tx.store.get(tuple))?.sha256;
        await tx.store.put(record);
        await tx.done;
      });
    const outcome = await this.#withQuotaRetry(write, record.size);
    if (outcome !== 'ok') return false;
    this.#storedBytes += record.size;
    return { previousHash, sha256: sealed.sha256 };
  }

  async touchSeries(tuple: SeriesTuple): Promise<void> {
    await this.#attempt(async () => {
      const tx = this.db.transaction('series', 'readwrite', { durability: 'relaxed' });
      const record = await tx.store.get(tuple);
      if (record) await tx.store.put({ ...record, accessedAt: this.#config.now() });
      await tx.done;
    });
  }

  async getFrame(tuple: FrameTuple): Promise<EncodedFrame | undefined> {
    const record = await this.#read(() => this.db.get('frames', tuple));
    if (!record) return undefined;
    const bytes = await this.#open('frames', record, tupleString('frame', tuple));
    return bytes && { bytes, transferSyntaxUid: record.transferSyntaxUid };
  }

  async putFrame(
    tuple: FrameTuple,
    bytes: Uint8Array,
    transferSyntaxUid: string,
    patient: string,
  ): Promise<boolean> {
    const sealed = await sealPayload(
      bytes,
      tupleString('frame', tuple),
      this.#config.encryptionKey,
    );
    const now = this.#config.now();
    const keyCheck = await this.#keyCheck();
    return this.#frameWrites.enqueue({
      key: tuple,
      transferSyntaxUid,
      keyCheck,
      patient,
      ...sealed,
      storedAt: now,
      accessedAt: now,
      size: storedSize(sealed),
    });
  }

  async listFrames(series: SeriesTuple): Promise<FrameTuple[]> {
    return (await this.#read(() => this.db.getAllKeys('frames', seriesFrameRange(series)))) ?? [];
  }

  /**
   * The series' frame records that would open (`#opensNow`), in one read. Payloads are not
   * read: a Blob in a record is a handle, so this stays cheap for hundreds of frames.
   */
  async inventory(series: SeriesTuple): Promise<FrameRecord[]> {
    const records = await this.#read(() => this.db.getAll('frames', seriesFrameRange(series)));
    return (records ?? []).filter(await this.#opensNow());
  }

  /** `keyCheck` as records keep it: null without a key. */
  async #keyCheck(): Promise<string | null> {
    return (await this.#config.keyCheck) ?? null;
  }

  /**
   * What can be told of a record without reading its payload: within its time-to-live, sealed
   * under the current key (`keyCheck`) and of the stored length its plaintext implies.
   */
  async #opensNow(): Promise<
    (
      record: SealedPayload & { readonly storedAt: number; readonly keyCheck?: string | null },
    ) => boolean
  > {
    const cutoff = this.#config.now() - this.#config.ttlMs;
    const keyCheck = await this.#keyCheck();
    const key = this.#config.encryptionKey;
    return (record) =>
      record.storedAt > cutoff && record.keyCheck === keyCheck && looksOpenable(record, key);
  }

  async deletePatients(hashes: readonly string[]): Promise<void> {
    await this.#frameWrites.drain();
    await deletePatientRecords(this.db, hashes);
  }

  async close(): Promise<void> {
    await this.#frameWrites.drain();
    this.db.close();
  }

  async clear(): Promise<void> {
    await this.#frameWrites.drain();
    await deleteAllRecords(this.db);
    this.#storedBytes = 0;
  }

  async #write(records: readonly FrameRecord[]): Promise<boolean> {
    const bytes = records.reduce((total, record) => total + record.size, 0);
    return this.#storeWithinBudget(bytes, async () => {
      const tx = this.db.transaction('frames', 'readwrite', { durability: 'relaxed' });
      try {
        // A failing put also aborts the transaction: its error is read from `tx.done`.
        for (const record of records) tx.store.put(record).catch(() => undefined);
      } catch (error) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw error;
      }
      await tx.done;
    });
  }

  /** Makes room for `bytes` (evicting), then writes them; a full disk evicts and retries once. */
  async #storeWithinBudget(bytes: number, write: () => Promise<void>): Promise<boolean> {
    await this.#measure();
    if (this.#storedBytes + bytes > this.#budget) {
      await this.#evict(bytes);
      if (this.#storedBytes + bytes > this.#budget) {
        // Larger than what eviction can free: the budget is a limit, not a hint.
        this.#config.warn('quota');
        return false;
      }
    }
    const outcome = await this.#withQuotaRetry(() => this.#attempt(write), bytes);
    if (outcome === 'ok') this.#storedBytes += bytes;
    return outcome === 'ok';
  }

  /** Before the first budget check: the database may hold what earlier sessions stored. */
  async #measure(): Promise<void> {
    this.#measured ??= this.#measureNow().catch(() => {
      this.#config.warn('io');
    });
    await this.#measured;
  }

  /** Sets what is stored from one count of every record (the sweep's and the first write's). */
  async #measureNow(): Promise<void> {
    this.#storedBytes = await measureStoredBytes(this.db);
  }

  /** A full disk: evict least-recently-used series, then try once more (never a third time). */
  async #withQuotaRetry(write: () => Promise<WriteOutcome>, bytes: number): Promise<WriteOutcome> {
    const first = await write();
    if (first !== 'quota') return first;
    await this.#evict(bytes);
    const second = await write();
    if (second !== 'ok') this.#config.warn(second === 'quota' ? 'quota' : 'io');
    return second;
  }

  /**
   * Frees room for `incoming` bytes and a fifth more of what is stored (or of the budget), so
   * eviction does not run again for the next frame. Measured inside the evicting transaction:
   * other tabs write to the same database.
   */
  async #evict(incoming: number): Promise<void> {
    try {
      this.#storedBytes = await evictLeastRecentlyUsed(this.db, (total) =>
        Math.max(0, Math.min(total, this.#budget) * 0.8 - incoming),
      );
    } catch {
      this.#config.warn('io');
    }
  }

  async #attempt(action: () => Promise<void>): Promise<WriteOutcome> {
    try {
      await action();
      return 'ok';
    } catch (error) {
      if (isQuotaExceeded(error)) return 'quota';
      this.#config.warn('io');
      return 'error';
    }
  }

  async #read<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch {
      this.#config.warn('io');
      return undefined;
    }
  }

  /** Expired, undecryptable or corrupt: the record is deleted and the caller refetches. */
  async #open(
    store: 'series' | 'frames' | 'posters',
    record: SealedPayload & {
      readonly key: SeriesTuple | FrameTuple;
      readonly storedAt: number;
      readonly size: number;
    },
    recordId: string,
  ): Promise<Uint8Array | undefined> {
    if (record.storedAt + this.#config.ttlMs <= this.#config.now()) {
      await this.#drop(store, record);
      return undefined;
    }
    const result = await unsealPayload(record, recordId, this.#config.encryptionKey);
    if (result.ok) return result.bytes;
    this.#config.warn('integrity');
    await this.#drop(store, record);
    return undefined;
  }

  async #drop(
    store: 'series' | 'frames' | 'posters',
    record: { readonly key: SeriesTuple | FrameTuple; readonly size: number },
  ): Promise<void> {
    await this.#attempt(async () => {
      if (store === 'frames') await this.db.delete('frames', record.key as FrameTuple);
      else await this.db.delete(store, record.key as SeriesTuple);
      this.#storedBytes = Math.max(0, this.#storedBytes - record.size);
    });
  }
}
