/**
 * Reading sealed records of the IndexedDB tier: a read that fails is a miss (reported as 'io'),
 * a record past its time-to-live, sealed under another key or failing its integrity check is
 * deleted (its size given back to the budget) and the caller refetches.
 */
import type { CacheWarningListener } from './cache-errors.js';
import type { CacheKeyring } from './cache-keyring.js';
import type { FrameTuple, SeriesTuple } from './cache-keys.js';
import type { CacheDatabase } from './cache-schema.js';
import { looksOpenable, unsealPayload, type SealedPayload } from './record-seal.js';
import type { StoreBudget } from './store-budget.js';

export interface SealedRecordsConfig {
  readonly db: CacheDatabase;
  readonly keyring: CacheKeyring;
  readonly now: () => number;
  readonly ttlMs: number;
  readonly warn: CacheWarningListener;
}

export class SealedRecords {
  readonly #config: SealedRecordsConfig;
  readonly #budget: StoreBudget;

  constructor(config: SealedRecordsConfig, budget: StoreBudget) {
    this.#config = config;
    this.#budget = budget;
  }

  get db(): CacheDatabase {
    return this.#config.db;
  }

  /**
   * What can be told of a record without reading its payload: within its time-to-live, sealed
   * under the current key (`keyCheck`) and of the stored length its plaintext implies.
   */
  opensNow(): (
    record: SealedPayload & { readonly storedAt: number; readonly keyCheck?: string },
  ) => boolean {
    const cutoff = this.#config.now() - this.#config.ttlMs;
    const check = this.#config.keyring.check;
    return (record) =>
      record.storedAt > cutoff && record.keyCheck === check && looksOpenable(record);
  }

  async read<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch {
      this.#config.warn('io');
      return undefined;
    }
  }

  /** Expired, undecryptable or corrupt: the record is deleted and the caller refetches. */
  async open(
    store: 'series' | 'frames' | 'posters',
    record: SealedPayload & {
      readonly key: SeriesTuple | FrameTuple;
      readonly storedAt: number;
      readonly size: number;
    },
    recordId: string,
  ): Promise<Uint8Array | undefined> {
    if (record.storedAt + this.#config.ttlMs <= this.#config.now()) {
      await this.drop(store, record);
      return undefined;
    }
    const result = await unsealPayload(record, recordId, this.#config.keyring);
    if (result.ok) return result.bytes;
    this.#config.warn('integrity');
    await this.drop(store, record);
    return undefined;
  }

  async drop(
    store: 'series' | 'frames' | 'posters',
    record: { readonly key: SeriesTuple | FrameTuple; readonly size: number },
  ): Promise<void> {
    await this.#budget.attempt(async () => {
      if (store === 'frames') await this.db.delete('frames', record.key as FrameTuple);
      else await this.db.delete(store, record.key as SeriesTuple);
      this.#budget.storedBytes = Math.max(0, this.#budget.storedBytes - record.size);
    });
  }
}
