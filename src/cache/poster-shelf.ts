import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { FrameKey, SeriesTuple } from './cache-keys.js';
import type { PosterRecord } from './cache-schema.js';
import { frameMemoryKey, seriesMemoryKey } from './memory-keys.js';
import type { PersistentTier, StillWanted } from './persistent-tier.js';
import { MAX_POSTER_BYTES, posterImage } from './poster.js';
import { whenIdle } from '../internal/when-idle.js';
import { isPreviewFrame, type PreviewFrame } from '../dicom/preview-frame.js';

export interface PosterShelfOptions {
  readonly tier: () => Promise<PersistentTier | undefined>;
  readonly seriesTuple: (key: FrameKey) => Promise<SeriesTuple>;
  /** Settles once the series' metadata write in flight (if any) has landed. */
  readonly metadataWritten: (key: FrameKey) => Promise<unknown>;
  /** A full poster was opened: its frame joins the decoded frames in memory. */
  readonly opened: (key: FrameKey, frame: DecodedFrame) => void;
  /** Called when a write is asked for: its answer tells, later, whether a clear overtook it. */
  readonly stillWanted: () => StillWanted;
  /** Frames over this are kept reduced (default MAX_POSTER_BYTES). */
  readonly maxBytes?: number;
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
  /** Reduced posters read and not asked for yet. */
  readonly #previews = new Map<string, PreviewFrame>();

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
        if (!opened || this.#reads.get(frame) !== read) return opened;
        // A reduced poster is a preview, not the image: kept here until asked for, once.
        if (isPreviewFrame(opened)) this.#previews.set(frame, opened);
        else this.#options.opened(key, opened);
        return opened;
      })
      .finally(() => {
        if (this.#reads.get(frame) === read) this.#reads.delete(frame);
      });
    this.#reads.set(frame, read);
  }

  /**
   * The poster of this frame while it is being read, or its reduced poster (a preview, handed
   * out once), else undefined at once: nothing waits here.
   */
  read(key: FrameKey): Promise<DecodedFrame | undefined> | undefined {
    const frame = frameMemoryKey(key);
    const preview = this.#previews.get(frame);
    if (preview) {
      this.#previews.delete(frame);
      return Promise.resolve(preview);
    }
    // A preview read meanwhile goes to this caller, not to a later one.
    return this.#reads.get(frame)?.then((opened) => {
      this.#previews.delete(frame);
      return opened;
    });
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
    const write = this.#write(key, frame, this.#options.stillWanted()).finally(() =>
      this.#writes.delete(write),
    );
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
    for (const frame of this.#previews.keys())
      if (drop(seriesOf(frame))) this.#previews.delete(frame);
    for (const series of this.#posterOf.keys()) if (drop(series)) this.#posterOf.delete(series);
    for (const series of this.#shown) if (drop(series)) this.#shown.delete(series);
  }

  async #write(key: FrameKey, frame: DecodedFrame, wanted: StillWanted): Promise<void> {
    const tier = await this.#options.tier();
    if (!tier) return;
    await this.#options.metadataWritten(key);
    const maxBytes = this.#options.maxBytes ?? MAX_POSTER_BYTES;
    // Reducing a large frame is a pass over all of it (tens of ms for a mammogram): when idle.
    if (frame.pixels.byteLength > maxBytes) await whenIdle(2000);
    const image = posterImage(frame, maxBytes);
    const full = { rows: frame.rows, columns: frame.columns };
    if (!wanted()) return;
    const ref = { sopInstanceUid: key.sopInstanceUid, frame: key.frame };
    await tier.putPoster(await this.#options.seriesTuple(key), ref, image, full, wanted);
  }
}
