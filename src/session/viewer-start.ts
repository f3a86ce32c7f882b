/** From the viewer's attributes and properties to its services and a session for the patient. */
import { clearCache, type ClearCacheFilter } from '../cache/clear-cache.js';
import { isCacheMode } from '../cache/cache-options.js';
import type { SeriesCache } from '../cache/series-cache.js';
import { createViewerServices, type ViewerServices } from '../context/viewer-services.js';
import { checkIdentifier } from '../dicomweb/query-identifier.js';
import { ViewerErrorEvent } from '../events/viewer-error.js';
import { parseHd } from '../launch/patient-identifier.js';
import type { ViewerConfig } from './viewer-config.js';
import { IdentityVigilance } from './identity-vigilance.js';
import type { ManifestSource } from './image-selection.js';
import { ViewerSession, type SessionHost } from './viewer-session.js';

/**
 * The services and session for `config`; undefined, with a cb-error, when there is no server or
 * an identifier is not an exact value (query-identifier.ts): then nothing is asked of any server.
 */
export function startViewer(
  config: ViewerConfig,
  host: SessionHost,
  kept?: ViewerServices,
): { services: ViewerServices; session: ViewerSession } | undefined {
  const studyInstanceUids = words(config.study);
  const accessionNumbers = words(config.accessionNumber);
  if (!config.server) {
    host.target.dispatchEvent(new ViewerErrorEvent('no-server'));
    return undefined;
  }
  try {
    checkIdentifier('patient-id', config.patientId || undefined);
    checkIdentifier('issuer', config.issuer || undefined);
    for (const accessionNumber of accessionNumbers)
      checkIdentifier('accession-number', accessionNumber);
    for (const study of studyInstanceUids) checkIdentifier('study', study);
    checkIdentifier('study', config.manifestUid || undefined);
  } catch (error) {
    host.target.dispatchEvent(new ViewerErrorEvent('identifier', error));
    return undefined;
  }
  const services =
    kept ??
    createViewerServices({
      server: config.server,
      fetch: config.fetch,
      requestHeaders: config.requestHeaders,
      // Read at each 401: a hook the host sets or replaces later applies at once.
      currentRefreshToken: () => config.refreshToken,
      trustedOrigins: config.trustedOrigins,
      anonymousOrigins: config.anonymousOrigins,
      cacheMode: isCacheMode(config.cache) ? config.cache : 'persistent',
      cacheKey: config.cacheKey,
      cacheScope: config.cacheScope,
      memoryBudget:
        config.memoryBudget !== undefined && config.memoryBudget > 0
          ? config.memoryBudget
          : undefined,
    });
  // An HL7 HD issuer (namespace&universal id&type): QIDO matches the namespace (0010,0021).
  const issuer = (config.issuer as string | null)?.split('&')[0];
  const hd = issuer === undefined ? undefined : parseHd(config.issuer);
  const session = new ViewerSession(
    services,
    {
      ...(config.patientId ? { patientId: config.patientId } : {}),
      ...(issuer ? { issuer } : {}),
      studyInstanceUids,
      accessionNumbers,
      filter: config.historyFilter ?? undefined,
    },
    host,
    config.identity
      ? new IdentityVigilance({
          identity: config.identity,
          patient: config.patientId
            ? { id: config.patientId, ...(hd ? { issuer: hd } : {}) }
            : undefined,
          policy: config.identityPolicy === 'block' ? 'block' : 'warn',
          target: host.target,
        })
      : undefined,
    { manifest: manifestSource(config), keyImagesOnly: config.keyImagesOnly },
  );
  return { services, session };
}

/** The manifest to open, the host's data set first, then a URL, then a KOS on the server. */
function manifestSource(config: ViewerConfig): ManifestSource | undefined {
  if (config.manifest) return { dataset: config.manifest };
  if (config.manifestUrl) return { url: config.manifestUrl };
  if (config.manifestUid) return { sopInstanceUid: config.manifestUid };
  return undefined;
}

/** A removed attribute leaves its property null (Lit), whatever its declared type. */
function words(text: string | null): string[] {
  return (text ?? '').split(/\s+/).filter(Boolean);
}

/**
 * `viewer.clearCache()`: through the open cache (memory tiers too, and its writes in flight
 * cancelled), else the shared database. A patient is cleared in the viewer's scope unless the
 * filter names another.
 */
export async function clearViewerCache(
  cache: SeriesCache | undefined,
  filter: ClearCacheFilter,
  cacheKey: CryptoKey | undefined,
  cacheScope: string | undefined,
): Promise<void> {
  const scope = filter.scope ?? cacheScope;
  if (filter.patientId === undefined) {
    if (filter.scope !== undefined)
      await (cache
        ? cache.clearScope(filter.scope)
        : clearCache(filter, cacheKey ? { encryptionKey: cacheKey } : {}));
    else await (cache ? cache.clear() : clearCache());
    return;
  }
  if (cache && scope === cacheScope) {
    await cache.clearPatient({
      patientId: filter.patientId,
      ...(filter.issuer === undefined ? {} : { issuer: filter.issuer }),
    });
    return;
  }
  await clearCache(
    { ...filter, ...(scope === undefined ? {} : { scope }) },
    cacheKey ? { encryptionKey: cacheKey } : {},
  );
}
