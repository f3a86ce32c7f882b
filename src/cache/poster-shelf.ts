import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { FrameKey, SeriesTuple } from './cache-keys.js';
import type { PosterRecord } from './cache-schema.js';
import { frameMemoryKey, seriesMemoryKey } from './memory-keys.js';
import type { PersistentTier } from './persistent-tier.js';

export interface PosterShelfOptions {
  readonly tier: () => Promise<PersistentTier | undefined>;
  readonly seriesTuple: (key: FrameKey) => Promise<SeriesTuple>;
  /** Settles once the series' metadata write in flight (if any) has landed. */
  readonly metadataWritten: (key: FrameKey) => Promise<unknown>;
  /** A poster was opened: its frame joins the decoded frames in memory. */
  readonly opened: (key: FrameKey, frame: DecodedFrame) => void;
}

/**
 * A SeriesCache's side of the posters (poster.ts): a series' poster is read as soon as its
 * metadata is (the first image then needs no disk read after the viewport asks for it), and
 * one poster is written per series and session — of the first frame shown, which is where the
 * series opens next time too.
 */
export class PosterShelf {
  readonly #options: PosterShelfOptions;
  /** Frame memory key → its poster being read. */
  readonly #reads = new Map<string, Promise<DecodedFrame | undefined>>();
  /** Frames whose poster was read in this session (the decoded memory has them since, or evicted them). */
  readonly #read = new Set<string>();
  /** Series memory key → the frame (memory key) its stored poster shows. */
  readonly #posterOf = new Map<string, string>();
  /** Series shown this session: only the first frame shown becomes a poster. */
  readonly #shown = new Set<string>();
  readonly #writes = new Set<Promise<void>>();

  constructor(options: PosterShelfOptions) {
    this.#options = options;
  }

  /** The series' metadata was read with its poster record: its payload is read now. */
  found(tier: PersistentTier, record: PosterRecord, key: FrameKey): void {
    const frame = frameMemoryKey(key);
    this.#posterOf.set(seriesMemoryKey(key), frame);
    if (this.#read.has(frame)) return;
    this.#read.add(frame);
    const read = tier
      .openPoster(record)
      .then((opened) => {
        if (opened && this.#reads.get(frame) === read) this.#options.opened(key, opened);
        return opened;
      })
      .finally(() => {
        if (this.#reads.get(frame) === read) this.#reads.delete(frame);
      });
    this.#reads.set(frame, read);
  }

  /** The poster of this frame while it is being read, else undefined (at once: nothing waits here). */
  read(key: FrameKey): Promise<DecodedFrame | undefined> | undefined {
    return this.#reads.get(frameMemoryKey(key));
  }

  /**
   * `frame` is on screen. The first frame shown of a series in this session becomes its
   * poster, unless it is already: that is where the series opens next time too.
   */
  shown(key: FrameKey, frame: DecodedFrame): void {
    const series = seriesMemoryKey(key);
    if (this.#shown.has(series)) return;
    this.#shown.add(series);
    const memoryKey = frameMemoryKey(key);
    if (this.#posterOf.get(series) === memoryKey) return;
    this.#posterOf.set(series, memoryKey);
    const write = this.#write(key, frame).finally(() => this.#writes.delete(write));
    this.#writes.add(write);
  }

  /** Settles when the poster writes begun so far have (closing waits on it). */
  async written(): Promise<void> {
    await Promise.all(this.#writes);
  }

  /** Forgets the series matching `drop` (their records are being deleted). */
  forget(drop: (seriesMemoryKey: string) => boolean): void {
    const seriesOf = (frame: string): string => frame.split('\u0000', 3).join('\u0000');
    for (const frame of this.#reads.keys()) if (drop(seriesOf(frame))) this.#reads.delete(frame);
    for (const frame of this.#read) if (drop(seriesOf(frame))) this.#read.delete(frame);
    for (const series of this.#posterOf.keys()) if (drop(series)) this.#posterOf.delete(series);
    for (const series of this.#shown) if (drop(series)) this.#shown.delete(series);
  }

  async #write(key: FrameKey, frame: DecodedFrame): Promise<void> {
    const tier = await this.#options.tier();
    if (!tier) return;
    await this.#options.metadataWritten(key);
    await tier.putPoster(await this.#options.seriesTuple(key), key, frame);
  }
}
