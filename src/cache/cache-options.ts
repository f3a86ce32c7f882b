import type { CacheWarningListener } from './cache-errors.js';

/** The viewer's `cache` attribute. */
export type CacheMode = 'none' | 'memory' | 'persistent';

export const CACHE_MODES: readonly CacheMode[] = ['none', 'memory', 'persistent'];

export function isCacheMode(value: unknown): value is CacheMode {
  return typeof value === 'string' && (CACHE_MODES as readonly string[]).includes(value);
}

export interface SeriesCacheOptions {
  /**
   * 'persistent' (default): IndexedDB + memory. 'memory': compressed and decoded frames in this
   * page only, gone on reload. 'none': only the decoded frames in view-time working memory;
   * nothing is kept for a later opening.
   */
  readonly mode?: CacheMode;
  /** Shared by every viewer and tab of the origin that names it; must start with `courbaril-`. */
  readonly databaseName?: string;
  /**
   * Non-extractable AES-GCM key from the host (derived from the user's session): every stored
   * record is sealed with it. Without one, records are sealed under a device key the cache
   * makes and keeps in IndexedDB (see README, "The cache at rest and authorisation").
   */
  readonly encryptionKey?: CryptoKey;
  /**
   * The signed-in user, as the host names them (any string; only its keyed hash is stored).
   * Records of one scope are invisible to a cache opened with another.
   */
  readonly scope?: string;
  /** Time-to-live from fetch time (default 7 days). */
  readonly ttlMs?: number;
  /** Size budget for the persistent tier (default 2 GiB, never above half the origin's quota). */
  readonly maxStoredBytes?: number;
  /**
   * Decoded frames up to this size are kept whole as their series' poster (its first image on
   * reopening); larger ones are kept reduced to 1024², as a preview (default 8 MiB).
   */
  readonly maxPosterBytes?: number;
  /** Budget for decoded pixels in memory (default from `navigator.deviceMemory`). */
  readonly maxDecodedBytes?: number;
  /** Budget for compressed frames kept in memory when there is no persistent tier (default 256 MiB). */
  readonly maxMemoryBytes?: number;
  /** How long to wait on other tabs before using memory instead (default 5 s). */
  readonly blockedTimeoutMs?: number;
  /** Clock (ms since the epoch); tests inject one to move through the time-to-live. */
  readonly now?: () => number;
  /** Told why the persistent tier was skipped or a record dropped; carries no data. */
  readonly onWarning?: CacheWarningListener;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_TTL_MS = 7 * DAY_MS;
export const DEFAULT_MAX_STORED_BYTES = 2 * 1024 ** 3;
export const DEFAULT_MAX_MEMORY_BYTES = 256 * 1024 ** 2;
/** Share of the origin quota the cache allows itself, leaving room for the host's own storage. */
export const QUOTA_SHARE = 0.5;

const MIB = 1024 ** 2;

/**
 * One eighth of the device memory, between 64 MiB and 1 GiB. `navigator.deviceMemory` is
 * Chromium-only and rounded (and capped at 8 GiB) by the Device Memory spec; 256 MiB otherwise.
 */
export function defaultDecodedBytes(): number {
  return decodedBytesFor(deviceMemoryGiB());
}

export function decodedBytesFor(gib: number | undefined): number {
  if (gib === undefined || !Number.isFinite(gib) || gib <= 0) return 256 * MIB;
  return Math.min(1024 * MIB, Math.max(64 * MIB, Math.floor((gib * 1024 * MIB) / 8)));
}

function deviceMemoryGiB(): number | undefined {
  if (typeof navigator === 'undefined') return undefined;
  // Not in TypeScript's DOM lib: Device Memory API, Chromium only.
  const value: unknown = (navigator as Navigator & { readonly deviceMemory?: unknown })
    .deviceMemory;
  return typeof value === 'number' ? value : undefined;
}
