import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { FrameTuple, SeriesTuple } from './cache-keys.js';
import type { SealedField, SealedPayload } from './record-seal.js';

/** Every database of ours starts with this, so a host can find (and a clear can target) them. */
export const CACHE_DATABASE_PREFIX = 'courbaril-';
export const DEFAULT_CACHE_DATABASE = `${CACHE_DATABASE_PREFIX}series-cache`;
export const CACHE_SCHEMA_VERSION = 3;

/**
 * Fields every record carries outside its sealed payload: keyed hashes, times and sizes only —
 * no patient text, no UID, no pixel byte (schema 3).
 */
interface RecordTimes {
  /** Keyed hash of scope + issuer + Patient ID (record-keys.ts), never the ID itself. */
  readonly patient: string;
  /** Keyed hash of the user's scope (`cacheScope`): `clearCache({ scope })` finds them by it. */
  readonly scope: string;
  /** When the bytes were fetched: time-to-live counts from here. */
  readonly storedAt: number;
  /** Last use: least-recently-used eviction works per series, from the series record. */
  readonly accessedAt: number;
  /** Bytes this record occupies on disk (payload + IV), for the size budget. */
  readonly size: number;
}

export interface SeriesRecord extends RecordTimes, SealedPayload {
  readonly key: SeriesTuple;
  /** The HTTP validators (ETag, Last-Modified) as JSON, sealed like the payload. */
  readonly validators: SealedField;
  readonly keyCheck: string;
}

export interface FrameRecord extends RecordTimes, SealedPayload {
  readonly key: FrameTuple;
  /** A standard UID naming the codec (PS3.6 Annex A), the same for every patient. */
  readonly transferSyntaxUid: string;
  /** `keyCheck` of the key the frame was sealed under: `inventory` leaves out what it cannot open. */
  readonly keyCheck: string;
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
  /** Which frame it shows, `[sopInstanceUid, frame]` as JSON, sealed. */
  readonly ref: SealedField;
  /** Digest of the series metadata it was drawn under: a changed series makes it stale. */
  readonly seriesDigest: string;
  readonly keyCheck: string;
  readonly pixelType: PosterPixelType;
  /** Reduced posters (large frames): 2^k, and the frame's own size. Absent: the frame itself. */
  readonly scale?: number;
  readonly fullRows?: number;
  readonly fullColumns?: number;
}

// A type alias, not an interface: idb's DBSchema needs an index signature to accept it.
type TimeIndexes = {
  'by-patient': string;
  'by-scope': string;
  'by-accessed': number;
  'by-stored': number;
};

/** The device key (cache-keyring.ts): made by the cache when the host gives none. */
export interface KeyRecord {
  readonly id: string;
  readonly key: CryptoKey;
}

export interface CacheSchema extends DBSchema {
  series: { key: SeriesTuple; value: SeriesRecord; indexes: TimeIndexes };
  frames: { key: FrameTuple; value: FrameRecord; indexes: TimeIndexes };
  posters: { key: SeriesTuple; value: PosterRecord; indexes: TimeIndexes };
  keys: { key: string; value: KeyRecord };
}

export type CacheDatabase = IDBPDatabase<CacheSchema>;
export type CacheStoreName = StoreNames<CacheSchema>;
/** The stores of records (the `keys` store holds no record: it is never evicted or counted). */
export type RecordStoreName = Exclude<CacheStoreName, 'keys'>;
export const CACHE_STORES: readonly RecordStoreName[] = ['series', 'frames', 'posters'];

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
  // 2 → 3: records sealed and keyed by keyed hashes only. Records of schema 2 held UIDs in their
  // keys and, without a host key, patient data in clear: they are dropped, not converted (a
  // conversion would need the plaintext, and a cache refills itself).
  (db, tx) => {
    for (const name of CACHE_STORES) {
      const store = tx.objectStore(name);
      void store.clear();
      store.createIndex('by-scope', 'scope');
    }
    db.createObjectStore('keys', { keyPath: 'id' });
  },
];

function createTimedStore(db: CacheDatabase, name: RecordStoreName): void {
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
