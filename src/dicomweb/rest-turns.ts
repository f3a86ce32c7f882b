/**
 * Turns for the rest of progressive frames fetched in two byte ranges (ranged-frame.ts): once a
 * frame's first bytes are in, its request slot goes back to the retrieval scheduler, and the
 * request for the rest waits here until the scheduler admits it, by rank like a queued frame.
 * On a thin link this is what lets eight large views all show a preview before any of them is
 * complete: with six connections, the seventh view's first bytes would otherwise wait for a
 * whole mammogram.
 *
 * Large progressive frames also never hold the last of the scheduler's slots (the browser's six
 * connections to the origin): held by eight multi-megabyte transfers, they left the decode
 * worker's codec (.wasm, from the same origin behind a same-origin proxy) waiting for a whole
 * mammogram, and every preview with it (10 s at 30 Mbit/s in bench/results/screening.md).
 */
import type { PreviewHooks } from './dicomweb-client-options.js';
import { nextEntry, queueRank, wantsPreview, type Batch, type Entry } from './retrieval-entry.js';

/** The scheduler's slot count, as the hooks below change it. */
export interface SlotCount {
  /** Gives a slot back (and lets the scheduler start something else). */
  readonly release: () => void;
  /** Counts a slot again (the request's end gives it back). */
  readonly retake: () => void;
  /** Every slot a large progressive frame may hold is taken. */
  readonly full: () => boolean;
}

export interface RestTurn {
  readonly rank: number;
  readonly sequence: number;
  readonly admit: () => void;
}

export class RestTurns {
  readonly #turns = new Set<RestTurn>();

  get size(): number {
    return this.#turns.size;
  }

  /** Resolves when `admit` is called for this turn; rejects (and leaves) when `signal` aborts. */
  wait(rank: number, sequence: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = (): void => {
        this.#turns.delete(turn);
        reject(signal.reason as Error);
      };
      const turn: RestTurn = {
        rank,
        sequence,
        admit: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#turns.add(turn);
    });
  }

  /** The most urgent turn waiting (FIFO among equals). */
  best(): RestTurn | undefined {
    let best: RestTurn | undefined;
    for (const turn of this.#turns)
      if (
        !best ||
        turn.rank < best.rank ||
        (turn.rank === best.rank && turn.sequence < best.sequence)
      )
        best = turn;
    return best;
  }

  /**
   * Marks `entry`'s preview as fetched, gives its slot back (`release`) and resolves when the
   * scheduler admits the rest; on abort the slot is counted again (`retake`) for the request's end.
   */
  async waitForRest(entry: Entry, signal: AbortSignal, slot: SlotCount): Promise<void> {
    entry.previewFetched = true;
    // In line before the slot goes: the release lets the scheduler admit this very turn.
    const turn = this.wait(queueRank(entry), entry.sequence, signal);
    slot.release();
    try {
      await turn;
    } catch (error) {
      slot.retake();
      throw error;
    }
  }

  /** Admits the most urgent turn if it ranks before `rank` (the queue's best; undefined: none). */
  admitBefore(rank: number | undefined): boolean {
    const turn = this.best();
    if (!turn || (rank !== undefined && turn.rank >= rank)) return false;
    this.admit(turn);
    return true;
  }

  admit(turn: RestTurn): void {
    this.#turns.delete(turn);
    turn.admit();
  }
}

/**
 * A progressive frame's multipart stream has brought its preview's bytes and cannot pause (no
 * byte ranges on that server): when every slot is taken (`full`) and a frame of a band as urgent
 * waits for its own first bytes, the stream should be abandoned to it and the frame asked for
 * again later, whole — the preview's bytes come twice, a few percent of a mammogram.
 * Marks `entry`'s preview as fetched; true once at most.
 */
export function givesWay(queue: ReadonlySet<Entry>, entry: Entry, full: boolean): boolean {
  if (entry.previewFetched) return false;
  entry.previewFetched = true;
  if (!full) return false;
  const { best } = nextEntry(queue, performance.now());
  return best !== undefined && wantsPreview(best) && queueRank(best) < queueRank(entry);
}

/**
 * What the scheduler gives the client for a progressive frame once its preview's bytes are in:
 * between two byte ranges, the slot goes back until the rest's turn; a multipart stream that
 * should give way (`givesWay`) is aborted, and its frame goes back to the queue (`batch.yielded`).
 */
export function previewHooks(
  turns: RestTurns,
  queue: ReadonlySet<Entry>,
  batch: Batch,
  entry: Entry,
  slot: SlotCount,
): PreviewHooks {
  return {
    beforeRest: () => turns.waitForRest(entry, batch.controller.signal, slot),
    onPreviewBytes: () => {
      if (!givesWay(queue, entry, slot.full())) return;
      batch.yielded = true;
      batch.controller.abort(new DOMException('Gave way to another preview', 'AbortError'));
      // At once, not when the aborted stream has unwound: the view waiting starts now, and the
      // next stream past its preview sees the next view waiting, not this one again.
      slot.release();
    },
  };
}
