import { createContext } from '@lit/context';
import { SeriesCache } from '../cache/series-cache.js';
import type { CacheMode } from '../cache/cache-options.js';
import { DicomwebClient, type DicomwebClientOptions } from '../dicomweb/dicomweb-client.js';
import { DicomwebSources } from '../dicomweb/dicomweb-sources.js';
import { DicomwebFrameLoader } from '../dicomweb/dicomweb-frame-loader.js';
import { RenderedPreviews } from '../dicomweb/rendered-preview.js';
import type { RequestHeadersInit } from '../dicomweb/dicomweb-transport.js';
import { RetrievalScheduler } from '../dicomweb/retrieval-scheduler.js';
import { DecodePool } from '../workers/decode-pool.js';
import type { FrameLoader } from '../workers/frame-loader.js';

/**
 * Everything one `<cb-viewer>` shares between its cells. One set per viewer instance, never a
 * module-level singleton (STYLE.md): two viewers on a page share no worker, cache handle or
 * request queue, and disposing one leaves the other untouched.
 */
export interface ViewerServices {
  /** The DICOMweb root as the host named it; also names the server in cache keys. */
  readonly server: string;
  readonly client: DicomwebClient;
  /** `client` and one client per other DICOMweb root a manifest names. */
  readonly sources: DicomwebSources;
  readonly scheduler: RetrievalScheduler;
  readonly cache: SeriesCache;
  readonly pool: DecodePool;
  readonly frameLoader: FrameLoader;
  /** Aborted by `dispose()`: every search and metadata request of the viewer listens to it. */
  readonly signal: AbortSignal;
  readonly disposed: boolean;
  /** Aborts requests, terminates the decode workers and closes the cache (memory freed). */
  dispose(): Promise<void>;
}

export interface ViewerServicesOptions {
  readonly server: string;
  readonly fetch?: typeof fetch | undefined;
  readonly requestHeaders?: RequestHeadersInit | undefined;
  readonly refreshToken?: (() => Promise<void>) | undefined;
  /** The host's hook as it is now, read at each 401 (wins over `refreshToken`). */
  readonly currentRefreshToken?: (() => (() => Promise<void>) | undefined) | undefined;
  /** Origins besides the server's that get the credentials above (origin-policy.ts). */
  readonly trustedOrigins?: readonly string[] | undefined;
  /** Origins a response may point to, fetched with no credential. */
  readonly anonymousOrigins?: readonly string[] | undefined;
  readonly cacheMode: CacheMode;
  /** Frames asked for in a lossy transfer syntax and cached apart (DicomwebClientOptions.lossy). */
  readonly lossy?: boolean | undefined;
  /** Server-rendered previews before the first diagnostic frame of each series (default true). */
  readonly renderedPreview?: boolean | undefined;
  readonly cacheKey?: CryptoKey | undefined;
  /** The signed-in user's scope (`cacheScope`): hashed into every record key. */
  readonly cacheScope?: string | undefined;
  /** Bytes of decoded frames the viewer keeps in memory (default from `navigator.deviceMemory`). */
  readonly memoryBudget?: number | undefined;
  /** Decode workers (default: the pool's own choice from the core count). */
  readonly decodeWorkers?: number | undefined;
}

export function createViewerServices(options: ViewerServicesOptions): ViewerServices {
  const controller = new AbortController();
  const clientOptions: DicomwebClientOptions = {
    url: options.server,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.requestHeaders === undefined ? {} : { requestHeaders: options.requestHeaders }),
    ...(options.refreshToken ? { refreshToken: options.refreshToken } : {}),
    ...(options.currentRefreshToken ? { currentRefreshToken: options.currentRefreshToken } : {}),
    trustedOrigins: options.trustedOrigins,
    anonymousOrigins: options.anonymousOrigins,
    ...(options.lossy === true ? { lossy: true } : {}),
  };
  const client = new DicomwebClient(clientOptions);
  // The roots a KOS manifest names per series, under the same host rules (dicomweb-sources.ts).
  const sources = new DicomwebSources(clientOptions, client);
  const scheduler = new RetrievalScheduler(client);
  const cache = new SeriesCache({
    mode: options.cacheMode,
    ...(options.cacheKey ? { encryptionKey: options.cacheKey } : {}),
    ...(options.cacheScope === undefined ? {} : { scope: options.cacheScope }),
    ...(options.memoryBudget === undefined ? {} : { maxDecodedBytes: options.memoryBudget }),
  });
  const pool = new DecodePool(
    options.decodeWorkers === undefined ? {} : { size: options.decodeWorkers },
  );
  // Workers start while the viewer waits on its searches and the cache, not behind the first
  // frame's bytes (a module worker takes tens of milliseconds to start, bench/results/cache.md),
  // and not while the page is busy drawing a first image from the cache.
  pool.warmWhenIdle([]);
  // Decoded frames are held once for the viewer, in the cache's byte-bounded memory tier.
  const frameLoader = new DicomwebFrameLoader({
    pool,
    decoded: cache,
    ...(options.renderedPreview === false
      ? {}
      : { renderedPreviews: new RenderedPreviews({ client }) }),
  });
  let disposed = false;
  return {
    server: options.server,
    client,
    sources,
    scheduler,
    cache,
    pool,
    frameLoader,
    signal: controller.signal,
    get disposed() {
      return disposed;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      controller.abort(new DOMException('Viewer disconnected', 'AbortError'));
      pool.dispose();
      await cache.close();
    },
  };
}

/** Provided by `<cb-viewer>`; elements inside it (cells, toolbars) consume it. */
export const viewerServicesContext = createContext<ViewerServices | undefined>(
  Symbol('courbaril-viewer-services'),
);
