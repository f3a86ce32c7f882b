import type { IDBPTransaction } from 'idb';
import { seriesFrameRange, type SeriesTuple } from './cache-keys.js';
import {
  CACHE_STORES,
  type CacheDatabase,
  type CacheSchema,
  type RecordStoreName,
} from './cache-schema.js';

type WriteTransaction = IDBPTransaction<CacheSchema, RecordStoreName[], 'readwrite'>;

function writeAll(db: CacheDatabase): WriteTransaction {
  return db.transaction([...CACHE_STORES], 'readwrite');
}

/** Bytes held by our records (their `size`), summed inside one transaction. */
async function sum(
  tx: IDBPTransaction<CacheSchema, RecordStoreName[], IDBTransactionMode>,
): Promise<number> {
  let total = 0;
  for (const name of CACHE_STORES) {
    for (
      let cursor = await tx.objectStore(name).openCursor();
      cursor;
      cursor = await cursor.continue()
    ) {
      total += cursor.value.size;
    }
  }
  return total;
}

export async function measureStoredBytes(db: CacheDatabase): Promise<number> {
  const tx = db.transaction([...CACHE_STORES], 'readonly');
  const total = await sum(tx);
  await tx.done;
  return total;
}

/** Deletes the frames and the poster of one series inside `tx`; returns the bytes freed. */
async function deleteSeriesFrames(tx: WriteTransaction, series: SeriesTuple): Promise<number> {
  const posters = tx.objectStore('posters');
  const poster = await posters.get(series);
  let freed = poster?.size ?? 0;
  if (poster) await posters.delete(series);
  const frames = tx.objectStore('frames');
  for (
    let cursor = await frames.openCursor(seriesFrameRange(series));
    cursor;
    cursor = await cursor.continue()
  ) {
    freed += cursor.value.size;
    await cursor.delete();
  }
  return freed;
}

/** Deletes records fetched at or before `cutoff`. Time-to-live counts from fetch time, not last use: old data goes even if viewed daily. */
export async function deleteExpired(db: CacheDatabase, cutoff: number): Promise<number> {
  // Counted first in a read-only transaction: a read-write one over every store would queue
  // every read behind it, and most of the time nothing has expired.
  const expired = IDBKeyRange.upperBound(cutoff);
  const counts = await Promise.all(
    CACHE_STORES.map((name) => db.countFromIndex(name, 'by-stored', expired)),
  );
  if (counts.every((count) => count === 0)) return 0;
  const tx = writeAll(db);
  let freed = 0;
  for (const name of CACHE_STORES) {
    const index = tx.objectStore(name).index('by-stored');
    for (
      let cursor = await index.openCursor(IDBKeyRange.upperBound(cutoff));
      cursor;
      cursor = await cursor.continue()
    ) {
      freed += cursor.value.size;
      await cursor.delete();
    }
  }
  await tx.done;
  return freed;
}

/**
 * Least-recently-used eviction down to `target(bytes stored now)`, whole series first (half a series is
 * worth little to a reader) with their posters, then posters and frames whose series record is gone, oldest first.
 * Returns the bytes left.
 */
export async function evictLeastRecentlyUsed(
  db: CacheDatabase,
  target: (totalBytes: number) => number,
): Promise<number> {
  const tx = writeAll(db);
  let total = await sum(tx);
  const targetBytes = target(total);
  const series = tx.objectStore('series').index('by-accessed');
  for (
    let cursor = await series.openCursor();
    cursor && total > targetBytes;
    cursor = await cursor.continue()
  ) {
    total -= (await deleteSeriesFrames(tx, cursor.value.key)) + cursor.value.size;
    await cursor.delete();
  }
  for (const name of ['posters', 'frames'] as const) {
    const orphans = tx.objectStore(name).index('by-accessed');
    for (
      let cursor = await orphans.openCursor();
      cursor && total > targetBytes;
      cursor = await cursor.continue()
    ) {
      total -= cursor.value.size;
      await cursor.delete();
    }
  }
  await tx.done;
  return total;
}

/**
 * Deletes everything indexed under any of the patient hashes, and the frames of those
 * patients' series even where a frame was stored before its series' metadata.
 */
export async function deletePatientRecords(
  db: CacheDatabase,
  patientHashes: readonly string[],
): Promise<void> {
  const tx = writeAll(db);
  for (const hash of patientHashes) {
    const series = tx.objectStore('series').index('by-patient');
    for (let cursor = await series.openCursor(hash); cursor; cursor = await cursor.continue()) {
      await deleteSeriesFrames(tx, cursor.value.key);
      await cursor.delete();
    }
    for (const name of ['frames', 'posters'] as const) {
      const index = tx.objectStore(name).index('by-patient');
      for (let cursor = await index.openCursor(hash); cursor; cursor = await cursor.continue())
        await cursor.delete();
    }
  }
  await tx.done;
}

/** Deletes every record of one user's scope (its keyed hash), whatever the patient. */
export async function deleteScopeRecords(db: CacheDatabase, scopeHash: string): Promise<void> {
  const tx = writeAll(db);
  for (const name of CACHE_STORES) {
    const index = tx.objectStore(name).index('by-scope');
    for (let cursor = await index.openCursor(scopeHash); cursor; cursor = await cursor.continue())
      await cursor.delete();
  }
  await tx.done;
}

export async function deleteAllRecords(db: CacheDatabase): Promise<void> {
  const tx = writeAll(db);
  await Promise.all(CACHE_STORES.map((name) => tx.objectStore(name).clear()));
  await tx.done;
}
