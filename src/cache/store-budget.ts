import { isQuotaExceeded, type CacheWarningListener } from './cache-errors.js';
import type { CacheDatabase } from './cache-schema.js';
import { evictLeastRecentlyUsed, measureStoredBytes } from './eviction.js';

export type WriteOutcome = 'ok' | 'quota' | 'error';

/** A write a clear overtook: not an I/O failure, nothing to warn about. */
export class WriteCancelled extends Error {}

/**
 * The persistent tier's size budget: what our records take on disk (measured once, then moved
 * by our own writes and re-measured on eviction), least-recently-used eviction to make room,
 * and one retry after a full disk.
 */
export class StoreBudget {
  readonly #db: CacheDatabase;
  readonly #warn: CacheWarningListener;
  /** Our bytes on disk as last measured, moved by our own writes; re-measured on eviction. */
  storedBytes = 0;
  /** The first measurement of `storedBytes`, made by the opening sweep or the first write. */
  #measured: Promise<void> | undefined;
  budget: number;

  constructor(db: CacheDatabase, budget: number, warn: CacheWarningListener) {
    this.#db = db;
    this.budget = budget;
    this.#warn = warn;
  }

  /** Measures now (the opening sweep) and makes that the first measurement. */
  async remeasure(): Promise<void> {
    this.#measured = this.measureNow();
    await this.#measured;
  }

  /** Makes room for `bytes` (evicting), then writes them; a full disk evicts and retries once. */
  async storeWithin(bytes: number, write: () => Promise<void>): Promise<boolean> {
    await this.measure();
    if (this.storedBytes + bytes > this.budget) {
      await this.evict(bytes);
      if (this.storedBytes + bytes > this.budget) {
        // Larger than what eviction can free: the budget is a limit, not a hint.
        this.#warn('quota');
        return false;
      }
    }
    const outcome = await this.withQuotaRetry(() => this.attempt(write), bytes);
    if (outcome === 'ok') this.storedBytes += bytes;
    return outcome === 'ok';
  }

  /** Before the first budget check: the database may hold what earlier sessions stored. */
  async measure(): Promise<void> {
    this.#measured ??= this.measureNow().catch(() => {
      this.#warn('io');
    });
    await this.#measured;
  }

  /** Sets what is stored from one count of every record (the sweep's and the first write's). */
  async measureNow(): Promise<void> {
    this.storedBytes = await measureStoredBytes(this.#db);
  }

  /** A full disk: evict least-recently-used series, then try once more (never a third time). */
  async withQuotaRetry(write: () => Promise<WriteOutcome>, bytes: number): Promise<WriteOutcome> {
    const first = await write();
    if (first !== 'quota') return first;
    await this.evict(bytes);
    const second = await write();
    if (second !== 'ok') this.#warn(second === 'quota' ? 'quota' : 'io');
    return second;
  }

  /**
   * Frees room for `incoming` bytes and a fifth more of what is stored (or of the budget), so
   * eviction does not run again for the next frame. Measured inside the evicting transaction:
   * other tabs write to the same database.
   */
  async evict(incoming: number): Promise<void> {
    try {
      this.storedBytes = await evictLeastRecentlyUsed(this.#db, (total) =>
        Math.max(0, Math.min(total, this.budget) * 0.8 - incoming),
      );
    } catch {
      this.#warn('io');
    }
  }

  async attempt(action: () => Promise<void>): Promise<WriteOutcome> {
    try {
      await action();
      return 'ok';
    } catch (error) {
      if (error instanceof WriteCancelled) return 'error';
      if (isQuotaExceeded(error)) return 'quota';
      this.#warn('io');
      return 'error';
    }
  }
}
