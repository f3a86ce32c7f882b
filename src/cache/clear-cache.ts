import type { PatientRef } from './cache-keys.js';
import { openCacheDatabase } from './cache-database.js';
import { existingDeviceKey, keyringFor } from './cache-keyring.js';
import { DEFAULT_CACHE_DATABASE, type CacheDatabase } from './cache-schema.js';
import { deleteAllRecords, deletePatientRecords, deleteScopeRecords } from './eviction.js';

export interface ClearCacheFilter {
  /** Only this patient's series and frames (in `scope`); everything when omitted. */
  readonly patientId?: string;
  readonly issuer?: string;
  /**
   * Only this user's records (`cacheScope`); with `patientId`, that patient's in this scope.
   * Without either, every scope's records go.
   */
  readonly scope?: string;
}

export interface ClearCacheOptions {
  readonly databaseName?: string;
  /** The key the viewers used (`cacheKey`): record keys are keyed hashes under it. */
  readonly encryptionKey?: CryptoKey;
  readonly blockedTimeoutMs?: number;
}

/**
 * Deletes cached series from the database every viewer of the origin shares, without a
 * viewer. Rejects if the database could not be reached: a deletion the host asked for must
 * not fail silently. Viewers still open keep their in-memory copies, and their writes in flight,
 * until they call their own `SeriesCache.clear()` (`viewer.clearCache()`): purge through them.
 */
export async function clearCache(
  filter: ClearCacheFilter = {},
  options: ClearCacheOptions = {},
): Promise<void> {
  const name = options.databaseName ?? DEFAULT_CACHE_DATABASE;
  // Opening would create an empty database: nothing to clear is not a reason to leave one.
  if ('databases' in indexedDB && !(await indexedDB.databases()).some((info) => info.name === name))
    return;
  const db = await openCacheDatabase(
    name,
    options.blockedTimeoutMs === undefined ? {} : { blockedTimeoutMs: options.blockedTimeoutMs },
  );
  try {
    if (filter.patientId === undefined && filter.scope === undefined) {
      await deleteAllRecords(db);
      return;
    }
    await clearFiltered(db, filter, options.encryptionKey);
  } finally {
    db.close();
  }
}

async function clearFiltered(
  db: CacheDatabase,
  filter: ClearCacheFilter,
  hostKey: CryptoKey | undefined,
): Promise<void> {
  const key = hostKey ?? (await existingDeviceKey(db));
  // No key, no record could have been sealed: nothing of this scope or patient is stored.
  if (!key) return;
  const { records } = await keyringFor(key, filter.scope ?? '');
  if (filter.patientId === undefined) {
    await deleteScopeRecords(db, await records.scope());
    return;
  }
  const patient: PatientRef = {
    patientId: filter.patientId,
    ...(filter.issuer === undefined ? {} : { issuer: filter.issuer }),
  };
  await deletePatientRecords(db, [await records.patient(patient)]);
}
