import type { EncodedFrame } from '../dicom/dataset.js';
import { seriesFrameRange, tupleString, type FrameTuple, type SeriesTuple } from './cache-keys.js';
import type { CacheWarningListener } from './cache-errors.js';
import { StoreBudget, WriteCancelled, type WriteOutcome } from './store-budget.js';
import type { CacheDatabase, FrameRecord, PosterRecord, SeriesRecord } from './cache-schema.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import {
  describePoster,
  posterBytes,
  posterFrame,
  posterRecord,
  posterRefOf,
  posterRefText,
  type PosterFrameRef,
  type PosterImage,
} from './poster.js';
import {
  deleteAllRecords,
  deleteExpired,
  deletePatientRecords,
  deleteScopeRecords,
} from './eviction.js';
import { openField, sealField, sealPayload, storedSize } from './record-seal.js';
import { SealedRecords } from './sealed-records.js';
import { FrameWriteQueue } from './frame-write-queue.js';
import type { CacheKeyring } from './cache-keyring.js';

/**
 * Asked right before a write's transaction is made: false once a clear has begun since the
 * write was asked for, so nothing asked before a clear lands after it.
 */
export type StillWanted = () => boolean;

/** The clear fields of a record: keyed hashes of its patient and of the user's scope. */
export interface RecordOwner {
  readonly patient: string;
  readonly scope: string;
}

export interface PersistentTierConfig {
  readonly db: CacheDatabase;
  readonly keyring: CacheKeyring;
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
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
  /** Of the series' first stored frame (key order), if any. */
  readonly frameTransferSyntaxUid: string | undefined;
}

/**
 * The IndexedDB tier: seals and opens records, keeps the size budget, drops what fails its
 * checks. Every method resolves (a miss or false) rather than throwing into display, except
 * the deletions a host asked for, which must not fail silently.
 */
export class PersistentTier {
  readonly #config: PersistentTierConfig;
  readonly #frameWrites: FrameWriteQueue;
  readonly #budget: StoreBudget;
  readonly #records: SealedRecords;

  constructor(config: PersistentTierConfig) {
    this.#config = config;
    this.#budget = new StoreBudget(config.db, config.maxStoredBytes, config.warn);
    this.#records = new SealedRecords(config, this.#budget);
    this.#frameWrites = new FrameWriteQueue((records) => this.#write(records));
  }

  get db(): CacheDatabase {
    return this.#config.db;
  }

  get budgetBytes(): number {
    return this.#budget.budget;
  }

  get keyring(): CacheKeyring {
    return this.#config.keyring;
  }

  /** Fits the budget to the origin's quota, then applies time-to-live and the budget once. */
  async maintain(): Promise<void> {
    try {
      // StorageManager exists only in secure contexts, whatever the DOM typings say.
      const storage = navigator.storage as StorageManager | undefined;
      const estimate = await storage?.estimate();
      const budget = this.#budget;
      if (estimate?.quota)
        budget.budget = Math.min(
          this.#config.maxStoredBytes,
          estimate.quota * this.#config.quotaShare,
        );
      await deleteExpired(this.db, this.#config.now() - this.#config.ttlMs);
      await budget.remeasure();
      if (budget.storedBytes > budget.budget) await budget.evict(0);
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
      this.#records.read(() => this.db.get('series', tuple)),
      this.#records.read(
        async () =>
          (await this.db.transaction('frames').store.openCursor(seriesFrameRange(tuple)))?.value,
      ),
      onPoster ? this.#records.read(() => this.db.get('posters', tuple)) : undefined,
    ]);
    if (!record) return undefined;
    // Drawn under the metadata stored now, and openable like any record.
    if (poster && poster.seriesDigest === record.digest && this.#records.opensNow()(poster))
      onPoster?.(poster);
    const id = tupleString('series', tuple);
    const [json, validators] = await Promise.all([
      this.#records.open('series', record, id),
      openField(record.validators, id, this.#config.keyring),
    ]);
    if (!json) return undefined;
    const { etag, lastModified } = parseValidators(validators);
    return { record, json, etag, lastModified, frameTransferSyntaxUid: frame?.transferSyntaxUid };
  }

  /** Which frame a poster shows (sealed in its record), or undefined when it does not open. */
  async posterRef(record: PosterRecord): Promise<PosterFrameRef | undefined> {
    const id = tupleString('poster', record.key);
    return posterRefOf(await openField(record.ref, id, this.#config.keyring));
  }

  /** The poster's frame, or undefined (a record failing its checks is dropped). */
  async openPoster(record: PosterRecord): Promise<DecodedFrame | undefined> {
    const bytes = await this.#records.open('posters', record, tupleString('poster', record.key));
    const frame = bytes && posterFrame(record, bytes);
    if (bytes && !frame) {
      this.#config.warn('integrity');
      await this.#records.drop('posters', record);
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
    wanted: StillWanted,
  ): Promise<boolean> {
    const { frame, scale } = image;
    const description = describePoster(frame);
    const seriesRecord =
      description && (await this.#records.read(() => this.db.get('series', series)));
    if (!description || !seriesRecord) return false;
    const id = tupleString('poster', series);
    const { keyring } = this.#config;
    const [sealed, sealedRef] = await Promise.all([
      sealPayload(posterBytes(frame), id, keyring),
      sealField(posterRefText(ref), id, keyring),
    ]);
    const reduced = scale === 1 ? {} : { scale, fullRows: full.rows, fullColumns: full.columns };
    const record = posterRecord(
      series,
      { ...description, ...reduced },
      { seriesRecord, sealed, ref: sealedRef, keyCheck: keyring.check, now: this.#config.now() },
    );
    return this.#budget.storeWithin(record.size, async () => {
      if (wanted()) await this.db.put('posters', record);
    });
  }

  /** Returns the previous content digest (undefined when new) or false when not stored. */
  async putSeries(
    tuple: SeriesTuple,
    json: Uint8Array,
    fields: RecordOwner & { readonly etag?: string; readonly lastModified?: string },
    wanted: StillWanted,
  ): Promise<{ previousDigest: string | undefined; digest: string } | false> {
    const id = tupleString('series', tuple);
    const { keyring } = this.#config;
    const { patient, scope, etag, lastModified } = fields;
    const [sealed, validators] = await Promise.all([
      sealPayload(json, id, keyring),
      sealField(JSON.stringify({ etag, lastModified }), id, keyring),
    ]);
    const now = this.#config.now();
    const record: SeriesRecord = {
      key: tuple,
      patient,
      scope,
      validators,
      keyCheck: keyring.check,
      ...sealed,
      storedAt: now,
      accessedAt: now,
      size: storedSize(sealed),
    };
    await this.#budget.measure();
    let previousDigest: string | undefined;
    const write = async (): Promise<WriteOutcome> =>
      this.#budget.attempt(async () => {
        if (!wanted()) throw new WriteCancelled();
        const tx = this.db.transaction('series', 'readwrite');
        previousDigest = (await tx.store.get(tuple))?.digest;
        await tx.store.put(record);
        await tx.done;
      });
    const outcome = await this.#budget.withQuotaRetry(write, record.size);
    if (outcome !== 'ok') return false;
    this.#budget.storedBytes += record.size;
    return { previousDigest, digest: sealed.digest };
  }

  async touchSeries(tuple: SeriesTuple): Promise<void> {
    await this.#budget.attempt(async () => {
      const tx = this.db.transaction('series', 'readwrite', { durability: 'relaxed' });
      const record = await tx.store.get(tuple);
      if (record) await tx.store.put({ ...record, accessedAt: this.#config.now() });
      await tx.done;
    });
  }

  async getFrame(tuple: FrameTuple): Promise<EncodedFrame | undefined> {
    const record = await this.#records.read(() => this.db.get('frames', tuple));
    if (!record) return undefined;
    const bytes = await this.#records.open('frames', record, tupleString('frame', tuple));
    return bytes && { bytes, transferSyntaxUid: record.transferSyntaxUid };
  }

  async putFrame(
    tuple: FrameTuple,
    bytes: Uint8Array,
    transferSyntaxUid: string,
    owner: RecordOwner,
    wanted: StillWanted,
  ): Promise<boolean> {
    const { keyring } = this.#config;
    const sealed = await sealPayload(bytes, tupleString('frame', tuple), keyring);
    if (!wanted()) return false;
    const now = this.#config.now();
    return this.#frameWrites.enqueue({
      key: tuple,
      transferSyntaxUid,
      keyCheck: keyring.check,
      patient: owner.patient,
      scope: owner.scope,
      ...sealed,
      storedAt: now,
      accessedAt: now,
      size: storedSize(sealed),
    });
  }

  async listFrames(series: SeriesTuple): Promise<FrameTuple[]> {
    return (
      (await this.#records.read(() => this.db.getAllKeys('frames', seriesFrameRange(series)))) ?? []
    );
  }

  /**
   * The series' frame records that would open (`SealedRecords.opensNow`), in one read. Payloads are not
   * read: a Blob in a record is a handle, so this stays cheap for hundreds of frames.
   */
  async inventory(series: SeriesTuple): Promise<FrameRecord[]> {
    const records = await this.#records.read(() =>
      this.db.getAll('frames', seriesFrameRange(series)),
    );
    return (records ?? []).filter(this.#records.opensNow());
  }

  /**
   * Waits for the frame batches queued so far, then commits an empty transaction with strict
   * durability: IndexedDB flushes to disk before it completes, and our earlier relaxed
   * batches with it (one log, in order). False when the database failed.
   */
  async flush(): Promise<boolean> {
    await this.#frameWrites.drain();
    const outcome = await this.#budget.attempt(async () => {
      const tx = this.db.transaction('series', 'readwrite', { durability: 'strict' });
      await tx.done;
    });
    return outcome === 'ok';
  }

  /** Queued frames not written yet are dropped (a clear has begun); batches in flight land first. */
  async #settleWrites(): Promise<void> {
    this.#frameWrites.discard();
    await this.#frameWrites.drain();
  }

  async deletePatients(hashes: readonly string[]): Promise<void> {
    await this.#settleWrites();
    await deletePatientRecords(this.db, hashes);
  }

  async deleteScope(scopeHash: string): Promise<void> {
    await this.#settleWrites();
    await deleteScopeRecords(this.db, scopeHash);
  }

  async close(): Promise<void> {
    await this.#frameWrites.drain();
    this.db.close();
  }

  async clear(): Promise<void> {
    await this.#settleWrites();
    await deleteAllRecords(this.db);
    this.#budget.storedBytes = 0;
  }

  async #write(records: readonly FrameRecord[]): Promise<boolean> {
    const bytes = records.reduce((total, record) => total + record.size, 0);
    return this.#budget.storeWithin(bytes, async () => {
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
}

function parseValidators(text: string | undefined): {
  etag: string | undefined;
  lastModified: string | undefined;
} {
  const parsed: unknown = text === undefined ? {} : JSON.parse(text);
  const field = (name: string): string | undefined => {
    const value: unknown =
      typeof parsed === 'object' && parsed ? Reflect.get(parsed, name) : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  return { etag: field('etag'), lastModified: field('lastModified') };
}
