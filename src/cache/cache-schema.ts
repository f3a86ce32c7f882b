import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { FrameTuple, SeriesTuple } from './cache-keys.js';
import type { SealedPayload } from './record-seal.js';

/** Every database of ours starts with this, so a host can find (and a clear can target) them. */
export const CACHE_DATABASE_PREFIX = 'courbaril-';
export const DEFAULT_CACHE_DATABASE = `${CACHE_DATABASE_PREFIX}series-cache`;
export const CACHE_SCHEMA_VERSION = 2;

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

/** How a poster's pixel bytes are typed: the DecodedFrame's array, named. */
export type PosterPixelType =
  | 'Uint8Array'
  | 'Int8Array'
  | 'Uint16Array'
  | 'Int16Array'
  | 'Int32Array'
  | 'Uint32Array'
  | 'Float32Array'
  | 'Float64Array';

/**
 * The decoded pixels of the frame a series was first shown at (schema 2): reopening draws it
 * from here, with no decode worker, no codec and no compressed read on the first image's
 * path. One per series, keyed by the series tuple. The payload is the frame's `pixels`,
 * sealed like every other payload; the fields beside it describe them and carry no patient data.
 */
export interface PosterRecord extends RecordTimes, SealedPayload, Omit<DecodedFrame, 'pixels'> {
  readonly key: SeriesTuple;
  readonly sopInstanceUid: string;
  /** 1-based, as in FrameTuple. */
  readonly frame: number;
  /** SHA-256 of the series metadata it was drawn under: a changed series makes it stale. */
  readonly seriesHash: string;
  readonly keyCheck: string | null;
  readonly pixelType: PosterPixelType;
  /** Reduced posters (large frames): 2^k, and the frame's own size. Absent: the frame itself. */
  readonly scale?: number;
  readonly fullRows?: number;
  readonly fullColumns?: number;
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
  posters: { key: SeriesTuple; value: PosterRecord; indexes: TimeIndexes };
}

export type CacheDatabase = IDBPDatabase<CacheSchema>;
export type CacheStoreName = StoreNames<CacheSchema>;
export const CACHE_STORES: readonly CacheStoreName[] = ['series', 'frames', 'posters'];

type UpgradeTransaction = IDBPTransaction<CacheSchema, CacheStoreName[], 'versionchange'>;
type Migration = (db: CacheDatabase, tx: UpgradeTransaction) => void;

/**
 * migrations[n] upgrades version n to n + 1. Append only: a shipped step is never edited,
 * since browsers in the field hold databases at every earlier version.
 */
const migrations: readonly Migration[] = [
  (db) => {
    createTimedStore(db, 'series');
    createTimedStore(db, 'frames');
  },
  // 1 → 2: posters. Series and frames stored by version 1 stay as they are.
  (db) => {
    createTimedStore(db, 'posters');
  },
];

function createTimedStore(db: CacheDatabase, name: CacheStoreName): void {
  const store = db.createObjectStore(name, { keyPath: 'key' });
  store.createIndex('by-patient', 'patient');
  store.createIndex('by-accessed', 'accessedAt');
  store.createIndex('by-stored', 'storedAt');
}

export function migrate(
  db: CacheDatabase,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTransaction,
): void {
  for (let version = oldVersion; version < newVersion; version += 1) migrations[version]?.(db, tx);
}
