import type { FrameRecord } from './cache-schema.js';

interface Pending {
  readonly record: FrameRecord;
  readonly resolve: (stored: boolean) => void;
}

/**
 * Frames arrive one by one from a stream; one IndexedDB transaction per frame costs a commit
 * each. Puts made within `windowMs` (or until `maxBatchBytes`) share one transaction, and
 * batches are written one after the other so eviction sees a consistent store.
 */
export class FrameWriteQueue {
  #pending: Pending[] = [];
  #pendingBytes = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (records: readonly FrameRecord[]) => Promise<boolean>,
    private readonly windowMs = 16,
    private readonly maxBatchBytes = 8 * 1024 * 1024,
  ) {}

  enqueue(record: FrameRecord): Promise<boolean> {
    return new Promise((resolve) => {
      this.#pending.push({ record, resolve });
      this.#pendingBytes += record.size;
      if (this.#pendingBytes >= this.maxBatchBytes) this.#flush();
      else
        this.#timer ??= setTimeout(() => {
          this.#flush();
        }, this.windowMs);
    });
  }

  /** Drops what is queued and not yet in a batch: those puts resolve false, unwritten. */
  discard(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const dropped = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    for (const entry of dropped) entry.resolve(false);
  }

  /** Writes what is queued now and waits for every batch so far. */
  async drain(): Promise<void> {
    this.#flush();
    await this.#chain;
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#chain = this.#chain.then(async () => {
      const stored = await this.write(batch.map((entry) => entry.record)).catch(() => false);
      for (const entry of batch) entry.resolve(stored);
    });
  }
}
