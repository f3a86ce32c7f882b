import { openCacheDatabase } from './cache-database.js';
import type { CacheWarningListener } from './cache-errors.js';
import type { CacheDatabase } from './cache-schema.js';
import { PersistentTier, type PersistentTierConfig } from './persistent-tier.js';
import { deviceKey, keyringFor } from './cache-keyring.js';
import { whenIdle } from '../internal/when-idle.js';

/** Where the compressed copies live right now (`persistent` falls back to memory when IndexedDB is not usable). */
export type CacheTierState = 'none' | 'memory' | 'opening' | 'persistent' | 'blocked' | 'closed';

export interface PersistentConnectionConfig {
  readonly databaseName: string;
  readonly schemaVersion: number | undefined;
  readonly blockedTimeoutMs: number | undefined;
  readonly tier: Omit<PersistentTierConfig, 'db' | 'warn' | 'keyring'>;
  /** The host's key; without one the tier seals under the database's device key. */
  readonly hostKey: CryptoKey | undefined;
  /** The user's scope, hashed into every record key (record-keys.ts). */
  readonly scope: string;
  readonly warn: CacheWarningListener;
}

/**
 * The life of one viewer's IndexedDB connection: opening, blocked by an older tab (memory
 * serves meanwhile, and the connection is adopted if the blocker leaves), closed when a newer
 * build elsewhere needs the upgrade, or unavailable.
 */
export class PersistentConnection {
  readonly #config: PersistentConnectionConfig;
  readonly ready: Promise<void>;
  #tier: PersistentTier | undefined;
  #state: CacheTierState = 'opening';
  #closed = false;
  #maintenance: Promise<void> = Promise.resolve();

  constructor(config: PersistentConnectionConfig) {
    this.#config = config;
    this.ready = this.#open();
  }

  get state(): CacheTierState {
    return this.#state;
  }

  /** The open tier, or undefined (memory stands in); waits for the open unless it is blocked. */
  async tier(): Promise<PersistentTier | undefined> {
    await this.ready;
    return this.#tier;
  }

  /** Waits for the sweep that runs when the database opens, then runs another. */
  async maintain(): Promise<void> {
    const tier = await this.tier();
    await this.#maintenance;
    if (tier) await tier.maintain();
  }

  async close(): Promise<void> {
    this.#closed = true;
    const tier = await this.tier();
    this.#tier = undefined;
    this.#state = 'closed';
    await tier?.close();
  }

  async #open(): Promise<void> {
    // Reads wait for the open only until another tab blocks it; then memory serves meanwhile.
    let unblock: (() => void) | undefined;
    const blocked = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    const { blockedTimeoutMs, schemaVersion } = this.#config;
    const opening = openCacheDatabase(this.#config.databaseName, {
      ...(blockedTimeoutMs === undefined ? {} : { blockedTimeoutMs }),
      ...(schemaVersion === undefined ? {} : { version: schemaVersion }),
      onBlocked: () => {
        this.#state = 'blocked';
        this.#config.warn('blocked');
        unblock?.();
      },
      onVersionChange: () => {
        this.#tier = undefined;
        this.#state = 'closed';
        this.#config.warn('version-change');
      },
      onLateOpen: (db) => {
        void this.#adopt(db);
      },
    }).then(
      (db) => this.#adopt(db),
      () => {
        if (this.#state === 'blocked') return;
        this.#state = 'memory';
        this.#config.warn('unavailable');
      },
    );
    await Promise.race([opening, blocked]);
  }

  #isClosed(): boolean {
    return this.#closed;
  }

  async #adopt(db: CacheDatabase): Promise<void> {
    if (this.#closed) {
      db.close();
      return;
    }
    const { hostKey, scope } = this.#config;
    let keyring;
    try {
      keyring = await keyringFor(hostKey ?? (await deviceKey(db)), scope);
    } catch {
      // No device key could be read or made: nothing is stored rather than stored in clear.
      db.close();
      this.#state = 'memory';
      this.#config.warn('unavailable');
      return;
    }
    // Closed while the key was read (a method call: the check above does not hold after await).
    if (this.#isClosed()) {
      db.close();
      return;
    }
    const tier = new PersistentTier({ ...this.#config.tier, db, keyring, warn: this.#config.warn });
    this.#tier = tier;
    this.#state = 'persistent';
    // Not awaited, and not at once: reads must not wait for a sweep of a large database (they
    // check the time-to-live themselves), and a read-write sweep over every store would hold
    // up the first image's read. Writes measure what is stored themselves before they count.
    this.#maintenance = whenIdle(SWEEP_IDLE_TIMEOUT_MS).then(() =>
      this.#tier === tier ? tier.maintain() : undefined,
    );
  }
}

/** Longest wait for an idle moment before the opening sweep runs anyway. */
const SWEEP_IDLE_TIMEOUT_MS = 2000;
