/**
 * Least-recently-used map bounded by the bytes its values hold (not by their count: one
 * mammogram weighs as much as a hundred CT slices). A Map iterates in insertion order, so
 * re-inserting on use keeps the least recently used entry first.
 */
export class ByteLru<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
    private readonly onEvict?: (key: string, value: V) => void,
  ) {}

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The value without making it the most recently used (listing is not using). */
  peek(key: string): V | undefined {
    return this.#entries.get(key)?.value;
  }

  /** False when the value alone exceeds the budget: it is not kept (and nothing is evicted for it). */
  set(key: string, value: V): boolean {
    const bytes = this.sizeOf(value);
    this.delete(key);
    if (bytes > this.maxBytes) return false;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#remove(oldest, entry, true);
    }
    return true;
  }

  delete(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#remove(key, entry, false);
    return true;
  }

  deleteWhere(predicate: (key: string) => boolean): void {
    for (const [key, entry] of [...this.#entries])
      if (predicate(key)) this.#remove(key, entry, false);
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  #remove(key: string, entry: { value: V; bytes: number }, evicted: boolean): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    if (evicted) this.onEvict?.(key, entry.value);
  }
}
