/**
 * Where a DICOMweb request may go, and with what. The host's credentials — `requestHeaders`, its
 * `fetch` hook (which may add its own) and `refreshToken` — go to the origin of the DICOMweb root
 * and to origins the host trusts by name, nowhere else. A URL that a response names elsewhere (an
 * absolute or protocol-relative BulkDataURI, PS3.18 F.2.6) is fetched bare, with no credential of
 * any kind, only from an origin the host allows; any other is refused before a byte leaves.
 */
import { CourbarilError } from '../dicom/errors.js';
import type { DicomwebOperation } from './errors.js';

/** `credentials`: the host's headers, fetch hook and refresh; `anonymous`: a bare fetch. */
export type OriginAccess = 'credentials' | 'anonymous';

export interface OriginPolicyOptions {
  /** The DICOMweb root (absolute, or relative to the page). Its origin gets credentials. */
  readonly server: string;
  /** Further origins that get credentials, e.g. `https://wado.example` beside the QIDO host. */
  readonly trustedOrigins?: readonly string[] | undefined;
  /** Origins fetched without any credential when a response points there (a public CDN). */
  readonly anonymousOrigins?: readonly string[] | undefined;
}

/**
 * A URL named an origin the host neither trusts nor allows: refused, no request sent. The message
 * names the operation only; `origin` (scheme, host, port: never a path or query) tells the host
 * which origin to list if it should be allowed.
 */
export class UntrustedOriginError extends CourbarilError {
  override name = 'UntrustedOriginError';
  constructor(
    readonly operation: DicomwebOperation,
    readonly origin: string,
  ) {
    super(`DICOMweb ${operation} URL names an origin the host did not allow`);
  }
}

export class OriginPolicy {
  /** The DICOMweb root as an absolute URL (relative names resolve against it). */
  readonly serverUrl: URL;
  readonly #trusted: ReadonlySet<string>;
  readonly #anonymous: ReadonlySet<string>;

  constructor(options: OriginPolicyOptions) {
    this.serverUrl = absolute(options.server.replace(/\/*$/, '/'));
    this.#trusted = new Set([this.serverUrl.origin, ...origins(options.trustedOrigins)]);
    this.#anonymous = new Set(origins(options.anonymousOrigins));
  }

  /** Absolute URL of `url` (relative to the page, as `fetch` reads it). */
  resolve(url: string): URL {
    return absolute(url);
  }

  /** How `url` may be fetched; throws UntrustedOriginError when not at all. */
  access(url: string | URL, operation: DicomwebOperation): OriginAccess {
    const { origin } = typeof url === 'string' ? absolute(url) : url;
    // Opaque origins (data:, blob:, file:) serialise as "null" and are never listed.
    if (origin !== 'null' && this.#trusted.has(origin)) return 'credentials';
    if (origin !== 'null' && this.#anonymous.has(origin)) return 'anonymous';
    throw new UntrustedOriginError(operation, origin);
  }
}

function pageUrl(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.href;
}

function absolute(url: string): URL {
  return new URL(url, pageUrl());
}

/** Each entry's origin; entries that are not http(s) URLs match nothing and are left out. */
function origins(list: readonly string[] | undefined): string[] {
  return (list ?? []).flatMap((entry) => {
    if (!URL.canParse(entry)) return [];
    const url = new URL(entry);
    return url.protocol === 'https:' || url.protocol === 'http:' ? [url.origin] : [];
  });
}
