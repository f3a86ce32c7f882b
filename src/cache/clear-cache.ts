import type { PatientRef } from './cache-keys.js';
import { openCacheDatabase } from './cache-database.js';
import { DEFAULT_CACHE_DATABASE } from './cache-schema.js';
import { deleteAllRecords, deletePatientRecords } from './eviction.js';
import { derivePatientHashKey, patientHash } from './patient-hash.js';

export interface ClearCacheFilter {
  /** Only this patient's series and frames; everything when omitted. */
  readonly patientId?: string;
  readonly issuer?: string;
}

export interface ClearCacheOptions {
  readonly databaseName?: string;
  /** The key the viewers used: with encryption on, patient index keys are keyed by it. */
  readonly encryptionKey?: CryptoKey;
  readonly blockedTimeoutMs?: number;
}

/**
 * Deletes cached series from the database every viewer of the origin shares, without a
 * viewer. Rejects if the database could not be reached: a deletion the host asked for must
 * not fail silently. Viewers still open keep their in-memory copies until they call their
 * own `SeriesCache.clear()` / `clearPatient()`.
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
    if (filter.patientId === undefined) {
      await deleteAllRecords(db);
      return;
    }
    const patient: PatientRef = {
      patientId: filter.patientId,
      ...(filter.issuer === undefined ? {} : { issuer: filter.issuer }),
    };
    const hashes = [await patientHash(patient, undefined)];
    if (options.encryptionKey)
      hashes.push(await patientHash(patient, await derivePatientHashKey(options.encryptionKey)));
    await deletePatientRecords(db, hashes);
  } finally {
    db.close();
  }
}
