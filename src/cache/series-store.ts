import type { EncodedFrame } from '../dicom/dataset.js';
import type { FrameKey, PatientRef, SeriesKey } from './cache-keys.js';

/** What the store keeps next to a series' metadata so the loader can revalidate it (RFC 9110 §13). */
export interface MetadataValidators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface CachedMetadata extends MetadataValidators {
  /** The DICOM JSON (PS3.18 F.2) exactly as it was put, parsed again. */
  readonly metadata: unknown;
  /** When the server answered (the clock of the cache), ms since the epoch. */
  readonly fetchedAt: number;
  /** SHA-256 (hex) of the stored JSON text: equal hashes mean an unchanged series. */
  readonly contentHash: string;
  /**
   * The transfer syntax of a frame of the series the store holds, if any: the decode workers
   * can load its codec while the metadata is parsed and the first frame read.
   */
  readonly frameTransferSyntaxUid?: string;
}

/** A frame the store holds and would serve: present, unexpired, readable under the current key. */
export interface StoredFrameInfo extends FrameKey {
  readonly transferSyntaxUid: string;
  /** Length of the frame's bytes (the codestream, not what it takes on disk). */
  readonly length: number;
}

export interface PutMetadataOptions extends MetadataValidators {
  readonly patient: PatientRef;
}

export interface PutMetadataResult {
  readonly stored: boolean;
  /** False when the same JSON was already cached (only the fetch time moved). */
  readonly changed: boolean;
}

/**
 * The store a loader consults before the network. `SeriesCache` implements it; a loader's
 * tests may stub it in memory. No method throws: a failure is a miss (`undefined`) or `false`,
 * so a broken cache never breaks display.
 */
export interface SeriesStore {
  getMetadata(key: SeriesKey): Promise<CachedMetadata | undefined>;
  putMetadata(
    key: SeriesKey,
    metadata: unknown,
    options: PutMetadataOptions,
  ): Promise<PutMetadataResult>;
  /** The bytes returned belong to the caller (it may transfer them to a worker). */
  getFrame(key: FrameKey): Promise<EncodedFrame | undefined>;
  /**
   * Reads `bytes` before returning (the caller may transfer them right after). Resolves once
   * stored, or false when it was not (mode 'none', budget, quota): display never waits on it.
   */
  putFrame(key: FrameKey, bytes: Uint8Array, transferSyntaxUid: string): Promise<boolean>;
  /**
   * Frames of the series held by the store (any order), so a loader can skip them when
   * scheduling. A store keyed by keyed hashes names only the frames of `sopInstanceUids` (and
   * of the instances whose metadata went through it).
   */
  listFrames(key: SeriesKey, sopInstanceUids?: readonly string[]): Promise<FrameKey[]>;
  /**
   * The frames of the series the store would serve, checked from their records alone (no payload
   * read): present, within their time-to-live, stored under the current encryption policy, of the
   * length recorded. The hash and the decryption are checked when a frame is read (`getFrame`),
   * which drops what fails them — so a listed frame may still turn out a miss, never a wrong image.
   */
  inventory(key: SeriesKey, sopInstanceUids?: readonly string[]): Promise<StoredFrameInfo[]>;
  /**
   * Once the series' frame writes asked for so far have settled and are durably committed: how
   * many frames of `sopInstanceUids` the store holds. Undefined when nothing outlives the page
   * (memory only); stores without durability leave it out.
   */
  whenStored?(key: SeriesKey, sopInstanceUids: readonly string[]): Promise<number | undefined>;
  /** Marks the series as recently used (least-recently-used eviction works per series). */
  touch(key: SeriesKey): Promise<void>;
}
