/**
 * Pixel frames of one instance known from DICOM JSON metadata, fetched lazily
 * over WADO-RS through the server's RetrievalScheduler, with the SeriesStore
 * consulted first. Metadata does not say the stored transfer syntax (Orthanc
 * omits (0002,0010)): each frame carries the syntax its response declared.
 */
import type { EncodedFrame, FrameRequestOptions, PixelDataSource } from '../dicom/dataset.js';
import type { FrameKey } from '../cache/cache-keys.js';
import { DicomParseError } from '../dicom/errors.js';
import type { SeriesStore } from '../cache/series-store.js';
import { Tag, jsonNumber, jsonString, type DicomJsonObject } from './dicom-json-values.js';
import type { RetrievalScheduler } from './retrieval-scheduler.js';
import { RetrievalPriority } from './retrieval-request.js';
import type { PartialPart } from './multipart-reader.js';
import { lossyTransferSyntaxFor } from './lossy-request.js';
import { BitsStored } from '../dicom/tags.generated.js';

export interface LoadedFrame {
  readonly frame: EncodedFrame;
  readonly fromCache: boolean;
}

export interface DicomwebFrameRequestOptions extends FrameRequestOptions {
  /** Bytes of this frame's part while it arrives (progressive display); bypasses the cache lookup's batching. */
  readonly onPartProgress?: (part: PartialPart) => void;
  /** With `onPartProgress`: bytes the preview needs, asked for first where the server allows byte ranges. */
  readonly previewBytes?: number;
  /** Called when the frame is not in the store and goes to the network (a rendered preview may then help). */
  readonly onNetwork?: () => void;
}

export interface DicomwebPixelDataSourceOptions {
  readonly scheduler: RetrievalScheduler;
  /** Names the server in cache keys (normally the DICOMweb root URL). */
  readonly server: string;
  /** The instance's DICOM JSON (series or instance metadata). */
  readonly instance: DicomJsonObject;
  /** When the instance JSON lacks (0020,000D) (some servers trim instance-level metadata). */
  readonly studyInstanceUid?: string;
  readonly store?: SeriesStore | undefined;
}

type FrameListener = (frameIndex: number, loaded: LoadedFrame) => void;

/**
 * More frames than any instance a viewer shows (cine, tomosynthesis, enhanced CT and MR have
 * thousands at most): metadata declaring more is refused before a slot is made for each frame,
 * since DICOMweb metadata carries no payload to check Number of Frames against.
 */
export const MAX_FRAMES_PER_INSTANCE = 1 << 17;

export class DicomwebPixelDataSource implements PixelDataSource {
  readonly frameCount: number;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  /** Bytes of one uncompressed frame (PS3.5 8.1.1), for mislabel detection. */
  readonly nativeFrameLength: number;
  /** The syntax a lossy client asks its frames in (lossy-request.ts), if any fits. */
  readonly lossyTransferSyntaxUid: string | undefined;
  readonly #scheduler: RetrievalScheduler;
  readonly #store: SeriesStore | undefined;
  readonly #server: string;
  readonly #listeners = new Set<FrameListener>();
  /** Store reads in flight: a viewport and the loader asking for one frame share one read. */
  readonly #storeReads = new Map<number, Promise<EncodedFrame | undefined>>();
  /** Bytes of each frame handed out so far (by frame index): a SeriesLoader made later counts them in. */
  readonly #delivered = new Map<number, number>();

  constructor(options: DicomwebPixelDataSourceOptions) {
    const json = options.instance;
    this.#scheduler = options.scheduler;
    this.#store = options.store;
    this.#server = options.server;
    this.studyInstanceUid =
      jsonString(json, Tag.StudyInstanceUID) ?? options.studyInstanceUid ?? '';
    this.seriesInstanceUid = jsonString(json, Tag.SeriesInstanceUID) ?? '';
    this.sopInstanceUid = jsonString(json, Tag.SOPInstanceUID) ?? '';
    // PS3.3 C.7.6.6: Number of Frames absent means one frame.
    const frames = jsonNumber(json, Tag.NumberOfFrames) ?? 1;
    if (frames > MAX_FRAMES_PER_INSTANCE)
      throw new DicomParseError(
        `Number of Frames ${frames} exceeds the limit of ${MAX_FRAMES_PER_INSTANCE}`,
        0,
      );
    this.frameCount = Number.isInteger(frames) && frames >= 1 ? frames : 1;
    const bitsAllocated = jsonNumber(json, Tag.BitsAllocated) ?? 16;
    this.lossyTransferSyntaxUid = lossyTransferSyntaxFor({
      bitsStored: jsonNumber(json, BitsStored) ?? bitsAllocated,
      samplesPerPixel: jsonNumber(json, Tag.SamplesPerPixel) ?? 1,
    });
    this.nativeFrameLength =
      ((jsonNumber(json, Tag.Rows) ?? 0) *
        (jsonNumber(json, Tag.Columns) ?? 0) *
        (jsonNumber(json, Tag.SamplesPerPixel) ?? 1) *
        bitsAllocated) /
      8;
  }

  /** Called whenever a frame becomes available, from the cache or the network, whoever asked. */
  onFrame(listener: FrameListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  frameKey(frameIndex: number): FrameKey {
    return {
      server: this.#server,
      studyInstanceUid: this.studyInstanceUid,
      seriesInstanceUid: this.seriesInstanceUid,
      sopInstanceUid: this.sopInstanceUid,
      frame: frameIndex + 1,
    };
  }

  async frame(index: number, options: DicomwebFrameRequestOptions = {}): Promise<EncodedFrame> {
    return (await this.load(index, options)).frame;
  }

  /** `index` is 0-based; the WADO-RS frame number is index + 1. */
  async load(index: number, options: DicomwebFrameRequestOptions = {}): Promise<LoadedFrame> {
    if (!Number.isInteger(index) || index < 0 || index >= this.frameCount) {
      throw new RangeError(`Frame ${index} is outside 0..${this.frameCount - 1}`);
    }
    const key = this.frameKey(index);
    const cached = await this.#readStore(index);
    options.signal?.throwIfAborted();
    if (cached) return this.#emit(index, { frame: cached, fromCache: true });
    options.onNetwork?.();
    const frame = await this.#scheduler.request(
      { ...key, frameNumber: key.frame },
      {
        priority: options.priority ?? RetrievalPriority.visible,
        signal: options.signal,
        nativeFrameLength: this.nativeFrameLength,
        lossyTransferSyntaxUid: this.lossyTransferSyntaxUid,
        onPartProgress: options.onPartProgress,
        previewBytes: options.previewBytes,
      },
    );
    // A copy for the store: the caller may transfer `frame.bytes` to a decode worker.
    void this.#store?.putFrame(key, frame.bytes.slice(), frame.transferSyntaxUid);
    return this.#emit(index, { frame, fromCache: false });
  }

  /**
   * The frame from the store only, never the network: undefined when the store lacks it or it
   * fails its checks there. Listeners hear of it as of any loaded frame.
   */
  async loadFromStore(index: number): Promise<LoadedFrame | undefined> {
    const cached = await this.#readStore(index);
    return cached && this.#emit(index, { frame: cached, fromCache: true });
  }

  /** Each caller gets its own copy: one may transfer its buffer to a decode worker. */
  async #readStore(index: number): Promise<EncodedFrame | undefined> {
    const store = this.#store;
    if (!store) return undefined;
    let read = this.#storeReads.get(index);
    if (!read) {
      read = store.getFrame(this.frameKey(index));
      this.#storeReads.set(index, read);
      const done = (): void => {
        this.#storeReads.delete(index);
      };
      read.then(done, done);
    }
    const frame = await read;
    return frame && { bytes: frame.bytes.slice(), transferSyntaxUid: frame.transferSyntaxUid };
  }

  /** The byte length of frame `index` if this source has delivered it, else undefined. */
  deliveredBytes(index: number): number | undefined {
    return this.#delivered.get(index);
  }

  #emit(index: number, loaded: LoadedFrame): LoadedFrame {
    this.#delivered.set(index, loaded.frame.bytes.byteLength);
    for (const listener of this.#listeners) listener(index, loaded);
    return loaded;
  }
}
