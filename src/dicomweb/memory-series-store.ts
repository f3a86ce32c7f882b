/**
 * The SeriesStore (src/cache/series-store.ts) a loader uses when the host gives
 * none: compressed frames and metadata in memory for the loader's lifetime.
 * The IndexedDB `SeriesCache` replaces it in a viewer.
 *
 * Frames are copied in and out: a caller may transfer the bytes it gets to a
 * decode worker, which would otherwise detach the stored copy.
 */
import type { EncodedFrame } from '../dicom/dataset.js';
import type { FrameKey, SeriesKey } from '../cache/cache-keys.js';
import type {
  CachedMetadata,
  PutMetadataOptions,
  PutMetadataResult,
  SeriesStore,
  StoredFrameInfo,
} from '../cache/series-store.js';

function seriesId(key: SeriesKey): string {
  return `${key.server}\u0000${key.studyInstanceUid}\u0000${key.seriesInstanceUid}`;
}

function frameId(key: FrameKey): string {
  return `${seriesId(key)}\u0000${key.sopInstanceUid}\u0000${key.frame}`;
}

export class MemorySeriesStore implements SeriesStore {
  readonly #frames = new Map<string, { key: FrameKey; frame: EncodedFrame }>();
  readonly #metadata = new Map<string, CachedMetadata>();

  get frameCount(): number {
    return this.#frames.size;
  }

  getMetadata(key: SeriesKey): Promise<CachedMetadata | undefined> {
    return Promise.resolve(this.#metadata.get(seriesId(key)));
  }

  putMetadata(
    key: SeriesKey,
    metadata: unknown,
    options: PutMetadataOptions,
  ): Promise<PutMetadataResult> {
    const text = JSON.stringify(metadata);
    const previous = this.#metadata.get(seriesId(key));
    const entry: CachedMetadata = {
      metadata: JSON.parse(text) as unknown,
      fetchedAt: Date.now(),
      contentHash: text,
      ...(options.etag === undefined ? {} : { etag: options.etag }),
      ...(options.lastModified === undefined ? {} : { lastModified: options.lastModified }),
    };
    this.#metadata.set(seriesId(key), entry);
    return Promise.resolve({ stored: true, changed: previous?.contentHash !== text });
  }

  getFrame(key: FrameKey): Promise<EncodedFrame | undefined> {
    const stored = this.#frames.get(frameId(key))?.frame;
    return Promise.resolve(
      stored && { bytes: stored.bytes.slice(), transferSyntaxUid: stored.transferSyntaxUid },
    );
  }

  putFrame(key: FrameKey, bytes: Uint8Array, transferSyntaxUid: string): Promise<boolean> {
    this.#frames.set(frameId(key), { key, frame: { bytes: bytes.slice(), transferSyntaxUid } });
    return Promise.resolve(true);
  }

  listFrames(key: SeriesKey): Promise<FrameKey[]> {
    const prefix = `${seriesId(key)}\u0000`;
    return Promise.resolve(
      [...this.#frames.entries()]
        .filter(([id]) => id.startsWith(prefix))
        .map(([, value]) => value.key),
    );
  }

  inventory(key: SeriesKey): Promise<StoredFrameInfo[]> {
    const prefix = `${seriesId(key)}\u0000`;
    return Promise.resolve(
      [...this.#frames.entries()]
        .filter(([id]) => id.startsWith(prefix))
        .map(([, { key: frameKey, frame }]) => ({
          ...frameKey,
          transferSyntaxUid: frame.transferSyntaxUid,
          length: frame.bytes.byteLength,
        })),
    );
  }

  touch(): Promise<void> {
    return Promise.resolve();
  }
}
