import { openDB } from 'idb';
import {
  CACHE_DATABASE_PREFIX,
  CACHE_SCHEMA_VERSION,
  CACHE_STORES,
  migrate,
  type CacheDatabase,
  type CacheSchema,
} from './cache-schema.js';
import { CacheBlockedError, CacheUnavailableError } from './cache-errors.js';

export interface OpenCacheDatabaseOptions {
  /** Schema version to open; tests use a higher one to play a newer build in another tab. */
  readonly version?: number;
  /** How long to wait for other tabs to close an older connection before giving up. */
  readonly blockedTimeoutMs?: number;
  /** Called as soon as the open is blocked (the host may ask the user to close other tabs). */
  readonly onBlocked?: () => void;
  /**
   * Called when this connection is gone: a newer version elsewhere needed it closed (it is
   * closed first), or the browser terminated it (storage cleared by the user, disk error).
   */
  readonly onVersionChange?: () => void;
  /** Called if an open that timed out as blocked succeeds later (the blocker went away). */
  readonly onLateOpen?: (db: CacheDatabase) => void;
}

export function assertCacheDatabaseName(name: string): void {
  if (!name.startsWith(CACHE_DATABASE_PREFIX) || name.length === CACHE_DATABASE_PREFIX.length) {
    throw new RangeError(`Cache database names start with "${CACHE_DATABASE_PREFIX}"`);
  }
}

/**
 * Opens (creating or migrating) the cache database. Other tabs are handled both ways:
 * this connection closes itself on `versionchange` so a newer build is never blocked by us,
 * and when we are blocked we wait up to `blockedTimeoutMs`, then reject with
 * `CacheBlockedError`; the request stays queued and its late connection goes to `onLateOpen`.
 */
export async function openCacheDatabase(
  name: string,
  options: OpenCacheDatabaseOptions = {},
): Promise<CacheDatabase> {
  assertCacheDatabaseName(name);
  const version = options.version ?? CACHE_SCHEMA_VERSION;
  const timeoutMs = options.blockedTimeoutMs ?? 5000;
  let db: CacheDatabase | undefined;
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let rejectBlocked: ((error: Error) => void) | undefined;
  const blockedPromise = new Promise<never>((_, reject) => {
    rejectBlocked = reject;
  });

  const opening = openDB<CacheSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      migrate(db, oldVersion, newVersion ?? version, tx);
    },
    blocked() {
      options.onBlocked?.();
      timer ??= setTimeout(() => {
        timedOut = true;
        rejectBlocked?.(new CacheBlockedError(name, timeoutMs));
      }, timeoutMs);
    },
    blocking() {
      db?.close();
      options.onVersionChange?.();
    },
    terminated() {
      options.onVersionChange?.();
    },
  });
  opening.then(
    (opened) => {
      db = opened;
      clearTimeout(timer);
      if (timedOut) {
        if (options.onLateOpen) options.onLateOpen(opened);
        else opened.close();
      }
    },
    () => {
      clearTimeout(timer);
    },
  );
  let opened: CacheDatabase;
  try {
    opened = await Promise.race([opening, blockedPromise]);
  } catch (error) {
    if (error instanceof CacheBlockedError) throw error;
    throw new CacheUnavailableError(error instanceof DOMException ? error.name : 'unknown');
  }
  // A database of that name at our version but without our stores was made by something else.
  if (
    ![...CACHE_STORES, 'keys' as const].every((store) => opened.objectStoreNames.contains(store))
  ) {
    opened.close();
    throw new CacheUnavailableError('foreign schema');
  }
  return opened;
}
