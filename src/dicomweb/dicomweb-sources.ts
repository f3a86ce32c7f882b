/**
 * The DICOMweb servers one viewer reads from: its own (`server`) and the roots a KOS manifest
 * names per series (Retrieve URL). Each other root is used under the host's origin rules, never
 * widened by the manifest: an origin the host trusts gets the host's credentials, one it allows
 * only bare is read with none, any other is refused (UntrustedOriginError) before a request.
 */
import { DicomwebClient, type DicomwebClientOptions } from './dicomweb-client.js';

export class DicomwebSources {
  readonly main: DicomwebClient;
  readonly #options: DicomwebClientOptions;
  readonly #clients = new Map<string, DicomwebClient>();

  /** `options`: the main client's, reused (with another `url`) for the roots the host trusts. */
  constructor(options: DicomwebClientOptions, main = new DicomwebClient(options)) {
    this.#options = options;
    this.main = main;
  }

  /** The client for a DICOMweb root; undefined or the main root → the main client. */
  clientFor(root: string | undefined): DicomwebClient {
    if (root === undefined) return this.main;
    const url = this.main.transport.origins.resolve(root.replace(/\/+$/, '')).href;
    if (url === this.main.transport.origins.resolve(this.main.url).href) return this.main;
    const known = this.#clients.get(url);
    if (known !== undefined) return known;
    const access = this.main.transport.origins.access(url, 'metadata');
    const {
      fetch: _fetch,
      requestHeaders: _headers,
      refreshToken: _refresh,
      ...bare
    } = this.#options;
    const client = new DicomwebClient(
      access === 'credentials'
        ? { ...this.#options, url }
        : { ...bare, url, anonymous: true, trustedOrigins: [], anonymousOrigins: [] },
    );
    this.#clients.set(url, client);
    return client;
  }

  /** Every client made so far, the main one first. */
  all(): DicomwebClient[] {
    return [this.main, ...this.#clients.values()];
  }
}
