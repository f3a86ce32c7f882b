/**
 * How long a response body may go without a byte before it is taken for stalled: a floor of a
 * few seconds (a thin link still delivers a TCP segment every few milliseconds, so seconds of
 * silence mean a lost connection, not a slow one), raised on a link whose healthy responses
 * pause longer (a radio link that sleeps, a server that streams instances as it reads them):
 * four times the longest pause seen inside the last bodies that completed, never above the
 * ceiling.
 */
export class StallClock {
  /** Default floor: a stalled connection is noticed within five seconds. */
  static readonly DEFAULT_FLOOR_MS = 5_000;
  static readonly CEILING_MS = 30_000;
  /** Completed bodies remembered: the link's recent behaviour, not its worst moment ever. */
  static readonly MEMORY = 32;
  /** A healthy pause this many times over is a stall. */
  static readonly MARGIN = 4;
  readonly floorMs: number;
  readonly #pauses: number[] = [];

  constructor(floorMs: number = StallClock.DEFAULT_FLOOR_MS) {
    this.floorMs = Math.max(1, floorMs);
  }

  /** The stall timeout now, in ms. */
  get timeoutMs(): number {
    const longest = this.#pauses.reduce((a, b) => Math.max(a, b), 0);
    const ceiling = Math.max(this.floorMs, StallClock.CEILING_MS);
    return Math.min(ceiling, Math.max(this.floorMs, Math.round(longest * StallClock.MARGIN)));
  }

  /** A body completed; `longestPauseMs` is the longest wait for one of its chunks. */
  completed(longestPauseMs: number): void {
    this.#pauses.push(longestPauseMs);
    if (this.#pauses.length > StallClock.MEMORY) this.#pauses.shift();
  }
}
