/**
 * Keys of the series cache. Plain objects, independent of any DICOMweb client type, so a
 * loader wraps the cache without the cache knowing how frames were fetched.
 *
 * `server` is whatever names the origin of the data (normally the DICOMweb root URL). The
 * cache never stores it as given: it keeps a SHA-256 of its origin and path only, so an
 * access token in a query string or user-info never reaches the disk.
 */
export interface SeriesKey {
  readonly server: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
}

export interface FrameKey extends SeriesKey {
  readonly sopInstanceUid: string;
  /** PS3.18 §8.3.5.1.4: frame numbers in a WADO-RS frame list start at 1. */
  readonly frame: number;
}

/** Patient ID (0010,0020) and Issuer of Patient ID (0010,0021): hashed before storage, never kept. */
export interface PatientRef {
  readonly patientId: string;
  readonly issuer?: string;
}

/** IndexedDB tuple keys: frames of one series share the series tuple as a prefix. */
export type SeriesTuple = [server: string, study: string, series: string];
export type FrameTuple = [
  server: string,
  study: string,
  series: string,
  sop: string,
  frame: number,
];

/**
 * The server name lossy frames are cached under: a scheme of its own (`lossy:`), which no
 * DICOMweb root has, so every tier (memory, IndexedDB, posters, decoded frames) keeps them apart
 * from the same server's lossless frames, and never serves one where the other was asked for.
 */
export function lossyCacheName(server: string): string {
  return `lossy:${server}`;
}

/** Servers seen, normalized: every memory key of every frame names its server. */
const normalized = new Map<string, string>();

/** Strip what may carry credentials (user-info, query, fragment) before hashing a server name. */
export function normalizeServer(server: string): string {
  let result = normalized.get(server);
  if (result === undefined) {
    result = normalize(server);
    // A page talks to a handful of servers; the bound only guards against a caller's churn.
    if (normalized.size > 64) normalized.clear();
    normalized.set(server, result);
  }
  return result;
}

function normalize(server: string): string {
  try {
    const url = new URL(server);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    // Not a URL (a host-chosen name): hashed as given; query-like tails still dropped.
    return server.split(/[?#]/, 1)[0] ?? '';
  }
}

export function seriesTuple(serverId: string, key: SeriesKey): SeriesTuple {
  return [serverId, key.studyInstanceUid, key.seriesInstanceUid];
}

export function frameTuple(serverId: string, key: FrameKey): FrameTuple {
  return [serverId, key.studyInstanceUid, key.seriesInstanceUid, key.sopInstanceUid, key.frame];
}

/** Every frame tuple of one series: arrays sort after strings in IndexedDB key order. */
export function seriesFrameRange(series: SeriesTuple): IDBKeyRange {
  return IDBKeyRange.bound(series, [...series, []]);
}

/** A flat string for maps and for the AES-GCM additional data that binds a record to its key. */
export function tupleString(
  kind: 'series' | 'frame' | 'poster',
  tuple: SeriesTuple | FrameTuple,
): string {
  return `${kind}\u0000${tuple.join('\u0000')}`;
}
