import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { FrameTuple, SeriesTuple } from './cache-keys.js';
import type { SealedPayload } from './record-seal.js';

/** Every database of ours starts with this, so a host can find (and a clear can target) them. */
export const CACHE_DATABASE_PREFIX = 'courbaril-';
export const DEFAULT_CACHE_DATABASE = `${CACHE_DATABASE_PREFIX}series-cache`;
export const CACHE_SCHEMA_VERSION = 1;

/** Fields every record carries in clear: no patient text, no pixel bytes. */
interface RecordTimes {
  /** Hash of patient ID + issuer (see patient-hash.ts), never the ID itself. */
  readonly patient: string;
  /** When the bytes were fetched: time-to-live counts from here. */
  readonly storedAt: number;
  /** Last use: least-recently-used eviction works per series, from the series record. */
  readonly accessedAt: number;
  /** Bytes this record occupies on disk (payload + IV), for the size budget. */
  readonly size: number;
}

export interface SeriesRecord extends RecordTimes, SealedPayload {
  readonly key: SeriesTuple;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface FrameRecord extends RecordTimes, SealedPayload {
  readonly key: FrameTuple;
  readonly transferSyntaxUid: string;
  /**
   * `keyCheck` of the key the frame was sealed under, null in clear. Lets `inventory` leave out
   * what the current key cannot open; absent from records of earlier builds (not listed then,
   * only read and checked).
   */
  readonly keyCheck?: string | null;
}

// A type alias, not an interface: idb's DBSchema needs an index signature to accept it.
type TimeIndexes = {
  'by-patient': string;
  'by-accessed': number;
  'by-stored': number;
};

export interface CacheSchema extends DBSchema {
  series: { key: SeriesTuple; value: SeriesRecord; indexes: TimeIndexes };
  frames: { key: FrameTuple; value: FrameRecord; indexes: TimeIndexes };
}

export type CacheDatabase = IDBPDatabase<CacheSchema>;
export type CacheStoreName = StoreNames<CacheSchema>;
export const CACHE_STORES: readonly CacheStoreName[] = ['series', 'frames'];

type UpgradeTransaction = IDBPTransaction<CacheSchema, CacheStoreName[], 'versionchange'>;
type Migration = (db: CacheDatabase, tx: UpgradeTransaction) => void;

/**
 * migrations[n] upgrades version n to n + 1. Append only: a shipped step is never edited,
 * since browsers in the field hold databases at every earlier version.
 */
const migrations: readonly Migration[] = [
  (db) => {
    for (const name of CACHE_STORES) {
      const store = db.createObjectStore(name, { keyPath: 'key' });
      store.createIndex('by-patient', 'patient');
      store.createIndex('by-accessed', 'accessedAt');
      store.createIndex('by-stored', 'storedAt');
    }
  },
];

export function migrate(
  db: CacheDatabase,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTransaction,
): void {
  for (let version = oldVersion; version < newVersion; version += 1) migrations[version]?.(db, tx);
}
