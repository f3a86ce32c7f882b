import { deleteDB } from 'idb';
import type { FrameKey, SeriesKey } from '../../src/cache/cache-keys.js';
import type { CacheWarningCode } from '../../src/cache/cache-errors.js';
import type { SeriesCacheOptions } from '../../src/cache/cache-options.js';
import { SeriesCache } from '../../src/cache/series-cache.js';

/** A DICOMweb root with a token in its query, as a careless host might pass it. */
export const SERVER = 'https://pacs.example.org/dicom-web?access_token=SECRET-TOKEN-123';
export const PATIENT_NAME = 'Doe^Jeanne-Marie';
export const JLS = '1.2.840.10008.1.2.4.80';

let counter = 0;
const opened: string[] = [];

/** A fresh database name per test; `deleteTestDatabases` removes them in afterEach. */
export function uniqueDatabaseName(label: string): string {
  counter += 1;
  const name = `courbaril-test-${label}-${Date.now().toString(36)}-${counter}`;
  opened.push(name);
  return name;
}

export async function deleteTestDatabases(): Promise<void> {
  for (const name of opened.splice(0)) await deleteDB(name);
}

/**
 * The SeriesCaches of a test file, on a clock its tests move (`now`), their warnings kept:
 * `open` in a test, `reset` in afterEach (closes them, deletes the databases, the clock back).
 */
export class TestCaches {
  now: number;
  readonly warnings: CacheWarningCode[] = [];
  readonly #start: number;
  readonly #opened: SeriesCache[] = [];

  constructor(start: number) {
    this.#start = start;
    this.now = start;
  }

  open(databaseName: string, options: SeriesCacheOptions = {}): SeriesCache {
    const cache = new SeriesCache({
      databaseName,
      now: () => this.now,
      onWarning: (code) => this.warnings.push(code),
      ...options,
    });
    this.#opened.push(cache);
    return cache;
  }

  async reset(): Promise<void> {
    for (const cache of this.#opened.splice(0)) await cache.close();
    this.warnings.length = 0;
    this.now = this.#start;
    await deleteTestDatabases();
  }
}

export function seriesKey(series = '1.2.3.4.5.1', study = '1.2.3.4.5'): SeriesKey {
  return { server: SERVER, studyInstanceUid: study, seriesInstanceUid: series };
}

export function frameKey(series: SeriesKey, instance: number, frame = 1): FrameKey {
  return { ...series, sopInstanceUid: `${series.seriesInstanceUid}.${instance}`, frame };
}

/** Pseudo-random bytes (xorshift), distinct per seed, so a 64-byte window is a fingerprint. */
export function frameBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** DICOM JSON (PS3.18 F.2) of a tiny series, with a patient name to look for on disk. */
export function seriesMetadata(patientId: string, instances = 2): unknown[] {
  return Array.from({ length: instances }, (_, i) => ({
    '00100010': { vr: 'PN', Value: [{ Alphabetic: PATIENT_NAME }] },
    '00100020': { vr: 'LO', Value: [patientId] },
    '00080018': { vr: 'UI', Value: [`1.2.3.4.5.1.${i + 1}`] },
  }));
}

export async function aesKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Opens the database with the bare IndexedDB API, as an attacker with the disk would read it. */
export function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('request failed'));
    };
  });
}

export interface RawRecord {
  readonly store: string;
  readonly value: Record<string, unknown>;
}

/** The stores of records: `keys` holds the device key (a CryptoKey), never a record. */
function recordStores(db: IDBDatabase): string[] {
  return Array.from(db.objectStoreNames).filter((store) => store !== 'keys');
}

export async function readAllRaw(name: string): Promise<RawRecord[]> {
  const db = await openRaw(name);
  try {
    const records: RawRecord[] = [];
    for (const store of recordStores(db)) {
      const values = await requestResult(db.transaction(store).objectStore(store).getAll());
      for (const value of values as Record<string, unknown>[]) records.push({ store, value });
    }
    return records;
  } finally {
    db.close();
  }
}

export async function countRaw(name: string): Promise<Record<string, number>> {
  const db = await openRaw(name);
  try {
    const counts: Record<string, number> = {};
    for (const store of recordStores(db)) {
      counts[store] = await requestResult(db.transaction(store).objectStore(store).count());
    }
    return counts;
  } finally {
    db.close();
  }
}

/** What the `keys` store holds (the device key, if the cache made one). */
export async function rawKeys(name: string): Promise<Record<string, unknown>[]> {
  const db = await openRaw(name);
  try {
    if (!db.objectStoreNames.contains('keys')) return [];
    return (await requestResult(db.transaction('keys').objectStore('keys').getAll())) as Record<
      string,
      unknown
    >[];
  } finally {
    db.close();
  }
}

/** Rewrites one stored record in place (e.g. to flip bytes of its payload). */
export async function rewriteRaw(
  name: string,
  store: string,
  edit: (value: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<void> {
  const db = await openRaw(name);
  try {
    const values = (await requestResult(
      db.transaction(store).objectStore(store).getAll(),
    )) as Record<string, unknown>[];
    const first = values[0];
    if (!first) throw new Error('no record to rewrite');
    const edited = await edit(first);
    const tx = db.transaction(store, 'readwrite');
    await requestResult(tx.objectStore(store).put(edited));
  } finally {
    db.close();
  }
}

/** Every byte a raw record holds: its Blob payload and the structured-clone of its other fields. */
export async function rawBytes(record: RawRecord): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (const value of Object.values(record.value)) {
    if (value instanceof Blob) parts.push(new Uint8Array(await value.arrayBuffer()));
    else if (value instanceof Uint8Array) parts.push(value);
    else parts.push(new TextEncoder().encode(JSON.stringify(value)));
  }
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

export function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
