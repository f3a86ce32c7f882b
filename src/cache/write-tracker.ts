import type { StillWanted } from './persistent-tier.js';

/**
 * A cache's writes in flight, by series, and the generation a purge moves: a write asked for
 * under an earlier generation never lands (see `StillWanted`), and a series' writes can be
 * awaited (`settled`) before saying it is on disk.
 */
export class WriteTracker {
  readonly #pending = new Map<string, Set<Promise<boolean>>>();
  #generation = 0;

  /** Captured when a write is asked for; false once a purge has begun since. */
  stillWanted(): StillWanted {
    const generation = this.#generation;
    return () => generation === this.#generation;
  }

  /** A purge begins: every write asked for so far is no longer wanted. */
  purge(): void {
    this.#generation++;
  }

  track(series: string, write: Promise<boolean>): void {
    const pending = this.#pending.get(series) ?? new Set<Promise<boolean>>();
    this.#pending.set(series, pending);
    pending.add(write);
    void write.finally(() => {
      pending.delete(write);
      if (pending.size === 0 && this.#pending.get(series) === pending) this.#pending.delete(series);
    });
  }

  /** Settles once the series' writes asked for so far have. */
  async settled(series: string): Promise<void> {
    await Promise.all([...(this.#pending.get(series) ?? [])]);
  }

  /** Settles once every write asked for so far has. */
  async all(): Promise<void> {
    await Promise.all([...this.#pending.values()].flatMap((writes) => [...writes]));
  }
}
