/**
 * What the host sets on `<cb-viewer>` that the session reads, and what a change of each means.
 * `CbViewer implements ViewerConfig`, and every key is classified below: a property added to
 * the config without saying whether it starts a new session, hangs again or applies in place is
 * a compile error.
 */
import type { CacheMode } from '../cache/cache-options.js';
import type { RequestHeadersInit } from '../dicomweb/dicomweb-transport.js';
import type { HangingProtocol } from '../hanging-protocols/hanging-protocol.js';
import type { HistoryFilter } from '../launch/launch-context.js';
import type { LaunchIdentity } from '../launch/launch-identity.js';
import type { IdentityPolicy } from './identity-vigilance.js';
import type { DicomDataset } from '../dicom/dataset.js';

export type { CacheMode } from '../cache/cache-options.js';
export type { ClearCacheFilter } from '../cache/clear-cache.js';
export type { RequestHeadersInit } from '../dicomweb/dicomweb-transport.js';

export interface ViewerConfig {
  readonly server: string;
  readonly patientId: string;
  readonly issuer: string;
  readonly study: string;
  readonly accessionNumber: string;
  readonly layout: string;
  readonly protocol: string;
  readonly compare: 'auto' | 'none' | 'prior';
  readonly cache: CacheMode;
  readonly requestHeaders: RequestHeadersInit | undefined;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly refreshToken: (() => Promise<void>) | undefined;
  readonly trustedOrigins: readonly string[];
  readonly anonymousOrigins: readonly string[];
  readonly cacheKey: CryptoKey | undefined;
  readonly cacheScope: string | undefined;
  readonly memoryBudget: number | undefined;
  readonly prefetchBudget: number;
  readonly protocols: readonly HangingProtocol[];
  readonly historyFilter: HistoryFilter | undefined;
  readonly identity: LaunchIdentity | undefined;
  readonly identityPolicy: IdentityPolicy;
  /** A KOS manifest given by the host (issue 17): shown instead of a history. */
  readonly manifest: DicomDataset | undefined;
  readonly manifestUrl: string;
  readonly manifestUid: string;
  readonly keyImagesOnly: boolean;
}

/** What to open or how to reach it: a change starts a new session. */
export const SESSION_KEYS = [
  'server',
  'patientId',
  'issuer',
  'study',
  'accessionNumber',
  'cache',
  'cacheKey',
  'cacheScope',
  'memoryBudget',
  'requestHeaders',
  'fetch',
  'trustedOrigins',
  'anonymousOrigins',
  'historyFilter',
  'identity',
  'identityPolicy',
  'manifest',
  'manifestUrl',
  'manifestUid',
  'keyImagesOnly',
] as const satisfies readonly (keyof ViewerConfig)[];

/**
 * The part of SESSION_KEYS that says how to reach the server and where to keep what it sends: a
 * change makes new services (client, scheduler, cache, decode workers). Another patient or study
 * on the same server keeps them, so what was decoded or prefetched for it (a reading list's next
 * case) is drawn from memory, and the workers are warm.
 */
export const SERVICE_KEYS = [
  'server',
  'cache',
  'cacheKey',
  'cacheScope',
  'memoryBudget',
  'requestHeaders',
  'fetch',
  'trustedOrigins',
  'anonymousOrigins',
] as const satisfies readonly (typeof SESSION_KEYS)[number][];

/** How the open study is laid out: a change hangs it again, nothing is fetched anew. */
export const LAYOUT_KEYS = [
  'layout',
  'protocol',
  'compare',
  'protocols',
] as const satisfies readonly (keyof ViewerConfig)[];

/**
 * Applied in place: `refreshToken` is read at each 401, `prefetchBudget` stops or extends the
 * running prefetch.
 */
export const LIVE_KEYS = [
  'refreshToken',
  'prefetchBudget',
] as const satisfies readonly (keyof ViewerConfig)[];

type Classified =
  (typeof SESSION_KEYS)[number] | (typeof LAYOUT_KEYS)[number] | (typeof LIVE_KEYS)[number];
/** `never` unless a ViewerConfig key is in no list above. */
type Unclassified = Exclude<keyof ViewerConfig, Classified>;
export const everyKeyClassified: [Unclassified] extends [never] ? true : Unclassified = true;
