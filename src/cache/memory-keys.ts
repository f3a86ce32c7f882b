/** Keys and copies of the cache's memory tiers (the IndexedDB tier keys by tuple: cache-keys.ts). */
import type { EncodedFrame } from '../dicom/dataset.js';
import { normalizeServer, type FrameKey, type SeriesKey } from './cache-keys.js';

/** The caller owns what it gets (it may transfer the buffer); the memory copy stays intact. */
export function copyFrame(frame: EncodedFrame | undefined): EncodedFrame | undefined {
  return frame && { bytes: frame.bytes.slice(), transferSyntaxUid: frame.transferSyntaxUid };
}

export function seriesOnly(key: SeriesKey): SeriesKey {
  return {
    server: key.server,
    studyInstanceUid: key.studyInstanceUid,
    seriesInstanceUid: key.seriesInstanceUid,
  };
}

export function seriesMemoryKey(key: SeriesKey): string {
  return `${normalizeServer(key.server)}\u0000${key.studyInstanceUid}\u0000${key.seriesInstanceUid}`;
}

export function frameMemoryKey(key: FrameKey): string {
  return `${seriesMemoryKey(key)}\u0000${key.sopInstanceUid}\u0000${key.frame}`;
}

export function validators(options: {
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}): { etag?: string; lastModified?: string } {
  return {
    ...(options.etag === undefined ? {} : { etag: options.etag }),
    ...(options.lastModified === undefined ? {} : { lastModified: options.lastModified }),
  };
}

/** The frame a key made by `frameMemoryKey` names, in `series`. */
export function frameOfMemoryKey(series: SeriesKey, memoryKey: string): FrameKey {
  const [, , , sopInstanceUid = '', frame = '0'] = memoryKey.split('\u0000');
  return { ...seriesOnly(series), sopInstanceUid, frame: Number(frame) };
}
