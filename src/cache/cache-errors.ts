/**
 * Why the persistent tier is not in use. Messages carry no patient data, URL or key:
 * they may end up in a host's logs.
 */
export type CacheWarningCode =
  /** Another tab holds an older connection and did not close it: waiting, memory meanwhile. */
  | 'blocked'
  /** Another tab upgraded the database: this connection closed, memory from now on. */
  | 'version-change'
  /** IndexedDB cannot be opened here (private mode, policy, newer schema on disk …). */
  | 'unavailable'
  /** The disk is full even after eviction: the record was not stored. */
  | 'quota'
  /** A record failed its length/hash check, or did not decrypt: dropped, refetch. */
  | 'integrity'
  /** Any other IndexedDB failure: treated as a miss. */
  | 'io';

export type CacheWarningListener = (code: CacheWarningCode) => void;

export class CacheBlockedError extends Error {
  override readonly name = 'CacheBlockedError';
  constructor(
    readonly databaseName: string,
    readonly timeoutMs: number,
  ) {
    super(`The cache database stayed blocked by another tab for ${timeoutMs} ms`);
  }
}

export class CacheUnavailableError extends Error {
  override readonly name = 'CacheUnavailableError';
  constructor(readonly reason: string) {
    super(`The cache database could not be opened (${reason})`);
  }
}

/** Chromium reports a full disk as a DOMException on the request or on the transaction. */
export function isQuotaExceeded(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}
