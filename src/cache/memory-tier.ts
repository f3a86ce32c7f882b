import type { EncodedFrame } from '../dicom/dataset.js';
import { ByteLru } from './byte-lru.js';
import type { SeriesKey } from './cache-keys.js';
import { frameOfMemoryKey, seriesMemoryKey, validators } from './memory-keys.js';
import type { CachedMetadata, StoredFrameInfo } from './series-store.js';

export interface MemorySeries extends CachedMetadata {
  readonly patient: string;
}

/**
 * Compressed frames and metadata kept in this page only: the whole cache in 'memory' mode,
 * and the stand-in when IndexedDB is blocked or gone. Keys are the cache's memory keys
 * (see `SeriesCache`), whose series part prefixes its frames' keys.
 */
export class MemoryTier {
  readonly frames: ByteLru<EncodedFrame>;
  readonly #series = new Map<string, MemorySeries>();

  constructor(maxBytes: number) {
    this.frames = new ByteLru<EncodedFrame>(maxBytes, (frame) => frame.bytes.byteLength);
  }

  getSeries(key: string): MemorySeries | undefined {
    return this.#series.get(key);
  }

  /** The series as `SeriesStore.getMetadata` answers it, when fetched after `freshAfter`. */
  cachedMetadata(key: string, freshAfter: number): CachedMetadata | undefined {
    const series = this.#series.get(key);
    if (!series || series.fetchedAt <= freshAfter) return undefined;
    const [frameKey] = this.hasFramesOf(key);
    const frame = frameKey === undefined ? undefined : this.frames.peek(frameKey);
    return {
      metadata: series.metadata,
      fetchedAt: series.fetchedAt,
      contentHash: series.contentHash,
      ...validators(series),
      ...(frame ? { frameTransferSyntaxUid: frame.transferSyntaxUid } : {}),
    };
  }

  /** Keeps the series; true when its metadata changed (another content hash). */
  putSeries(key: string, series: Omit<MemorySeries, 'contentHash'>, contentHash: string): boolean {
    const changed = this.#series.get(key)?.contentHash !== contentHash;
    this.#series.set(key, { ...series, contentHash });
    return changed;
  }

  /** The frames of the series held here, as `SeriesStore.inventory` lists them. */
  inventory(series: SeriesKey): StoredFrameInfo[] {
    return this.hasFramesOf(seriesMemoryKey(series)).flatMap((memoryKey) => {
      const frame = this.frames.peek(memoryKey);
      if (!frame) return [];
      const { transferSyntaxUid, bytes } = frame;
      return [
        { ...frameOfMemoryKey(series, memoryKey), transferSyntaxUid, length: bytes.byteLength },
      ];
    });
  }

  hasFramesOf(seriesKey: string): string[] {
    return this.frames.keys().filter((key) => key.startsWith(`${seriesKey}\u0000`));
  }

  /** Series of the given patients, then their frames, go; returns the series keys dropped. */
  deletePatients(hashes: ReadonlySet<string>): string[] {
    const dropped = [...this.#series]
      .filter(([, series]) => hashes.has(series.patient))
      .map(([key]) => key);
    for (const key of dropped) {
      this.#series.delete(key);
      this.frames.deleteWhere((frameKey) => frameKey.startsWith(`${key}\u0000`));
    }
    return dropped;
  }

  deleteExpired(cutoff: number): void {
    for (const [key, series] of [...this.#series])
      if (series.fetchedAt <= cutoff) this.#series.delete(key);
  }

  clear(): void {
    this.#series.clear();
    this.frames.clear();
  }
}
