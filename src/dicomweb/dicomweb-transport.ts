/**
 * The one path every DICOMweb request takes: host headers, a host `fetch` hook,
 * the 401 → `refreshToken()` → retry-once rule, and exponential backoff on
 * transient faults. Errors carry the operation and status, never the URL or a
 * header (tokens and Patient IDs live there). Credentials go only where the
 * origin policy says (origin-policy.ts).
 */
import {
  DicomwebAuthError,
  DicomwebHttpError,
  DicomwebNetworkError,
  DicomwebTimeoutError,
  isAbortError,
  isRetryable,
  type DicomwebOperation,
} from './errors.js';
import { OriginPolicy, UntrustedOriginError } from './origin-policy.js';

export type RequestHeadersInit = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

export interface RetryPolicy {
  /** Attempts after the first (default 4). */
  readonly retries: number;
  /** First backoff delay in ms, doubled each attempt with jitter (default 250). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface DicomwebTransportOptions {
  /** A replacement for `globalThis.fetch` (proxies, service workers, tests). */
  readonly fetch?: typeof fetch;
  /** Added to every request; a function is called per request so refreshed tokens apply. */
  readonly requestHeaders?: RequestHeadersInit;
  /** Host hook called once when the server answers 401; the request is then retried once. */
  readonly refreshToken?: () => Promise<void>;
  /**
   * Read at each 401 instead of `refreshToken`: the hook the host holds now (a viewer whose
   * `refreshToken` property changes after it connected uses the new one).
   */
  readonly currentRefreshToken?: () => (() => Promise<void>) | undefined;
  readonly retry?: Partial<RetryPolicy>;
  /** Origins besides the DICOMweb root's that get the credentials above. */
  readonly trustedOrigins?: readonly string[] | undefined;
  /** Origins a response may point to that are fetched with no credential at all. */
  readonly anonymousOrigins?: readonly string[] | undefined;
  /**
   * A request whose response headers have not arrived after this long is abandoned with
   * DicomwebTimeoutError, then retried like a network failure (default 30 s). Every request
   * has it — searches, metadata, frames — so a server that accepts a connection and never
   * answers cannot hang the viewer. Bodies have their own stall guards.
   */
  readonly headerTimeoutMs?: number;
  /**
   * Every request goes bare (no host header, hook, cookie, referrer or refresh), the server's own
   * included: a source the host allowed only without credentials (`anonymousOrigins`), such as
   * a manifest's series on a public origin.
   */
  readonly anonymous?: boolean;
}

export interface TransportRequest {
  readonly operation: DicomwebOperation;
  readonly accept?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
  /**
   * Fetch Priority (WHATWG Fetch `priority`): background frames go 'low' so the browser gives
   * its six HTTP/1.1 connections to the frame on screen, the decode worker script and its
   * .wasm before them.
   */
  readonly fetchPriority?: RequestPriority | undefined;
  /** GET unless told: STOW-RS (PS3.18 10.5) POSTs a body that can be sent twice (401 rule). */
  readonly method?: 'GET' | 'POST';
  readonly body?: Blob;
  /** Error statuses whose body the caller reads (STOW-RS 409 lists each refused instance). */
  readonly answeredStatuses?: readonly number[];
}

const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 250, maxDelayMs: 8000 };
const DEFAULT_HEADER_TIMEOUT_MS = 30_000;

export class DicomwebTransport {
  readonly retryPolicy: RetryPolicy;
  readonly headerTimeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #options: DicomwebTransportOptions;
  readonly origins: OriginPolicy;
  #refreshing: Promise<void> | undefined;
  #authGeneration = 0;

  /** `server`: the DICOMweb root whose origin gets the credentials (default: the page's). */
  constructor(options: DicomwebTransportOptions = {}, server = '/') {
    this.#options = options;
    this.origins = new OriginPolicy({
      server,
      trustedOrigins: options.trustedOrigins,
      anonymousOrigins: options.anonymousOrigins,
    });
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.retryPolicy = { ...DEFAULT_RETRY, ...options.retry };
    this.headerTimeoutMs = options.headerTimeoutMs ?? DEFAULT_HEADER_TIMEOUT_MS;
  }

  /**
   * One request, with the 401 rule but no retry: resolves with an ok Response
   * (body unread), or throws DicomwebHttpError / DicomwebAuthError / DicomwebNetworkError /
   * UntrustedOriginError (before sending) / AbortError.
   */
  async request(url: string, request: TransportRequest): Promise<Response> {
    const allowed = this.origins.access(url, request.operation);
    const access = this.#options.anonymous === true ? 'anonymous' : allowed;
    // Data goes only where the host's credentials may go, never to an origin allowed bare.
    if (access === 'anonymous' && request.method === 'POST')
      throw new UntrustedOriginError(request.operation, this.origins.resolve(url).origin);
    if (access === 'anonymous') return this.#check(await this.#sendBare(url, request), request);
    const generation = this.#authGeneration;
    const response = await this.#send(url, request);
    if (response.status !== 401 || !this.#refreshHook()) return this.#check(response, request);
    await response.body?.cancel().catch(() => undefined);
    // Several requests failing together share one refresh; one that started before
    // a refresh finished just retries with the new headers.
    if (generation === this.#authGeneration) await this.#refresh();
    return this.#check(await this.#send(url, request), request);
  }

  /** Runs `attempt` again after a backoff while it fails with a retryable fault (never 4xx, never aborts). */
  async withRetry<T>(
    signal: AbortSignal | undefined,
    attempt: (attemptNumber: number) => Promise<T>,
  ): Promise<T> {
    for (let attemptNumber = 0; ; attemptNumber++) {
      try {
        return await attempt(attemptNumber);
      } catch (error) {
        if (!isRetryable(error) || attemptNumber >= this.retryPolicy.retries || signal?.aborted)
          throw error;
        await sleep(this.backoffDelay(attemptNumber), signal);
      }
    }
  }

  backoffDelay(attemptNumber: number): number {
    const ceiling = Math.min(
      this.retryPolicy.maxDelayMs,
      this.retryPolicy.baseDelayMs * 2 ** attemptNumber,
    );
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  async #send(url: string, request: TransportRequest): Promise<Response> {
    const headers = new Headers(await resolveHeaders(this.#options.requestHeaders));
    if (request.accept) headers.set('Accept', request.accept);
    for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
    return this.#fetchWithin(this.#fetch, url, request, {
      headers,
      credentials: 'same-origin',
      ...(request.method === 'POST' ? { method: 'POST', body: request.body ?? null } : {}),
    });
  }

  /**
   * To an origin outside the host's trust: the page's own fetch (the host's hook may add its
   * credentials), no host header, no cookie, no referrer, and no refresh on a 401.
   */
  async #sendBare(url: string, request: TransportRequest): Promise<Response> {
    const headers = new Headers(request.headers);
    if (request.accept) headers.set('Accept', request.accept);
    return this.#fetchWithin((input, init) => globalThis.fetch(input, init), url, request, {
      headers,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  }

  /** One fetch whose response headers must arrive within `headerTimeoutMs`; typed failures. */
  async #fetchWithin(
    send: typeof fetch,
    url: string,
    request: TransportRequest,
    init: RequestInit,
  ): Promise<Response> {
    const headerTimeout = new AbortController();
    const timer = setTimeout(() => {
      headerTimeout.abort(new DicomwebTimeoutError(request.operation, this.headerTimeoutMs));
    }, this.headerTimeoutMs);
    const signal = request.signal
      ? AbortSignal.any([request.signal, headerTimeout.signal])
      : headerTimeout.signal;
    try {
      return await send(url, {
        ...init,
        signal,
        ...(request.fetchPriority ? { priority: request.fetchPriority } : {}),
      });
    } catch (error) {
      if (headerTimeout.signal.aborted && !request.signal?.aborted)
        throw new DicomwebTimeoutError(request.operation, this.headerTimeoutMs);
      if (isAbortError(error)) throw error;
      throw new DicomwebNetworkError(request.operation);
    } finally {
      // Once the headers are in, the body has its own guards (stall watchdogs, size caps).
      clearTimeout(timer);
    }
  }

  async #check(response: Response, request: TransportRequest): Promise<Response> {
    const { operation } = request;
    if (response.ok || request.answeredStatuses?.includes(response.status)) return response;
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 401 || response.status === 403)
      throw new DicomwebAuthError(operation, response.status);
    throw new DicomwebHttpError(operation, response.status);
  }

  #refreshHook(): (() => Promise<void>) | undefined {
    const { currentRefreshToken, refreshToken } = this.#options;
    return currentRefreshToken ? currentRefreshToken() : refreshToken;
  }

  #refresh(): Promise<void> {
    const hook = this.#refreshHook();
    if (!hook) return Promise.resolve();
    this.#refreshing ??= hook().finally(() => {
      this.#authGeneration++;
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }
}

async function resolveHeaders(init: RequestHeadersInit | undefined): Promise<HeadersInit> {
  if (init === undefined) return {};
  return typeof init === 'function' ? await init() : init;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
