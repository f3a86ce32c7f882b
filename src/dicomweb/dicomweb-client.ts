/**
 * A standard DICOMweb client: QIDO-RS searches (PS3.18 10.6) and WADO-RS
 * retrieval (PS3.18 10.4) — metadata, frames, bulk data, whole instances.
 *
 * Not built on the `dicomweb-client` package: it issues XMLHttpRequests, which
 * cannot stream a response body (frames must be handed out part by part as they
 * arrive), take no AbortSignal, and would be a second request path beside
 * `fetch` — with its own header hooks — for the auth, refresh and retry rules.
 * One `fetch` path (DicomwebTransport) keeps those rules in one place.
 */
import type { DicomJsonObject } from './dicom-json-values.js';
import { DicomwebHttpError, type DicomwebOperation } from './errors.js';
import { DicomwebTransport } from './dicomweb-transport.js';
import { readBoundedBody } from './bounded-body.js';
import { readDicomJsonBody } from './dicom-json-body.js';
import {
  DEFAULT_MAX_PART_BYTES,
  multipartBoundary,
  readMultipart,
  type PartialPart,
} from './multipart-reader.js';
import { declaredTransferSyntax, sniffTransferSyntax } from './transfer-syntax-negotiation.js';
import { checkIdentifier } from './query-identifier.js';
import { FrameNegotiation } from './frame-negotiation.js';
import { lossyCacheName } from '../cache/cache-keys.js';
import { retrieveRangedFrame, type RangedFrame } from './ranged-frame.js';
import { StallClock } from './stall-clock.js';
import { guardBody, withStallTimeout, type GuardedBody } from './stall-guard.js';
import {
  commonParams,
  queryString,
  setParam,
  uid,
  type InstanceQuery,
  type SeriesQuery,
  type StudyQuery,
} from './qido-query.js';

import {
  DEFAULT_MAX_JSON_BYTES,
  DEFAULT_RANGE_MIN_FRAME_BYTES,
  type DicomwebClientOptions,
  type FrameRetrieveOptions,
  type RequestOptions,
  type RetrievedFrame,
} from './dicomweb-client-options.js';

export type { DateRange, InstanceQuery, SeriesQuery, StudyQuery } from './qido-query.js';
export type {
  DicomwebClientOptions,
  FrameRetrieveOptions,
  RequestOptions,
  RetrievedFrame,
} from './dicomweb-client-options.js';

export class DicomwebClient {
  readonly url: string;
  readonly transport: DicomwebTransport;
  /** Learns how long this link's healthy bodies pause (stall-clock.ts). */
  readonly stallClock: StallClock;
  readonly maxPartBytes: number;
  readonly maxJsonBytes: number;
  /** Frames are asked for in a lossy syntax (DicomwebClientOptions.lossy). */
  readonly lossy: boolean;
  /**
   * Names this client's frames in cache keys: the root URL, or under a `lossy:` scheme when
   * frames are asked lossy, so a lossy frame is never served where a lossless one is asked for.
   */
  readonly cacheName: string;
  readonly #frames: FrameNegotiation;
  readonly #rangeMinFrameBytes: number;
  /** Set once the server refused a frame as a bare body: byte ranges are not tried again. */
  #bareRefused = false;

  constructor(options: DicomwebClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.transport = new DicomwebTransport(options, this.url);
    this.stallClock = new StallClock(options.stallTimeoutMs);
    this.#rangeMinFrameBytes = options.rangeMinFrameBytes ?? DEFAULT_RANGE_MIN_FRAME_BYTES;
    this.maxPartBytes = options.maxPartBytes ?? DEFAULT_MAX_PART_BYTES;
    this.maxJsonBytes = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
    this.lossy = options.lossy === true;
    this.cacheName = this.lossy ? lossyCacheName(this.url) : this.url;
    this.#frames = new FrameNegotiation(this.transport);
  }

  /** A body with no byte for this long is cut (and retried): a few seconds, adapted to the link. */
  get stallTimeoutMs(): number {
    return this.stallClock.timeoutMs;
  }

  /** Guards a streamed body: cut through `watchdog` when it stalls; its pauses teach the clock. */
  guardBody(
    body: ReadableStream<Uint8Array>,
    watchdog: AbortController,
    operation: DicomwebOperation,
  ): GuardedBody {
    return guardBody(body, this.stallClock, watchdog, operation);
  }

  /** Identifiers are matched exactly: one with a wildcard throws InvalidIdentifierError, unsent. */
  async searchForStudies(
    query: StudyQuery = {},
    options: RequestOptions = {},
  ): Promise<DicomJsonObject[]> {
    checkIdentifier('patient-id', query.patientId);
    checkIdentifier('issuer', query.issuerOfPatientId);
    checkIdentifier('accession-number', query.accessionNumber);
    const studies = query.studyInstanceUid;
    for (const study of typeof studies === 'string' ? [studies] : (studies ?? []))
      checkIdentifier('study', study);
    const params = commonParams(query);
    setParam(params, 'PatientID', query.patientId);
    setParam(params, 'IssuerOfPatientID', query.issuerOfPatientId);
    setParam(params, 'AccessionNumber', query.accessionNumber);
    setParam(params, 'StudyInstanceUID', query.studyInstanceUid);
    setParam(params, 'ModalitiesInStudy', query.modalitiesInStudy);
    if (typeof query.studyDate === 'string') params.set('StudyDate', query.studyDate);
    else if (query.studyDate)
      params.set('StudyDate', `${query.studyDate.from ?? ''}-${query.studyDate.to ?? ''}`);
    return await this.#json(`${this.url}/studies${queryString(params)}`, 'search-studies', options);
  }

  async searchForSeries(
    studyInstanceUid: string | undefined,
    query: SeriesQuery = {},
    options: RequestOptions = {},
  ): Promise<DicomJsonObject[]> {
    const params = commonParams(query);
    setParam(params, 'Modality', query.modality);
    setParam(params, 'SeriesInstanceUID', query.seriesInstanceUid);
    const base = studyInstanceUid ? `${this.url}/studies/${uid(studyInstanceUid)}` : this.url;
    return this.#json(`${base}/series${queryString(params)}`, 'search-series', options);
  }

  async searchForInstances(
    scope: { readonly studyInstanceUid?: string; readonly seriesInstanceUid?: string },
    query: InstanceQuery = {},
    options: RequestOptions = {},
  ): Promise<DicomJsonObject[]> {
    const params = commonParams(query);
    setParam(params, 'SOPInstanceUID', query.sopInstanceUid);
    let base = this.url;
    if (scope.studyInstanceUid) base += `/studies/${uid(scope.studyInstanceUid)}`;
    if (scope.studyInstanceUid && scope.seriesInstanceUid)
      base += `/series/${uid(scope.seriesInstanceUid)}`;
    return this.#json(`${base}/instances${queryString(params)}`, 'search-instances', options);
  }

  async retrieveStudyMetadata(
    studyInstanceUid: string,
    options: RequestOptions = {},
  ): Promise<DicomJsonObject[]> {
    return this.#json(`${this.url}/studies/${uid(studyInstanceUid)}/metadata`, 'metadata', options);
  }

  async retrieveSeriesMetadata(
    studyInstanceUid: string,
    seriesInstanceUid: string,
    options: RequestOptions = {},
  ): Promise<DicomJsonObject[]> {
    return this.#json(
      `${this.seriesUrl(studyInstanceUid, seriesInstanceUid)}/metadata`,
      'metadata',
      options,
    );
  }

  async retrieveInstanceMetadata(
    studyInstanceUid: string,
    seriesInstanceUid: string,
    sopInstanceUid: string,
    options: RequestOptions = {},
  ): Promise<DicomJsonObject[]> {
    return this.#json(
      `${this.instanceUrl(studyInstanceUid, seriesInstanceUid, sopInstanceUid)}/metadata`,
      'metadata',
      options,
    );
  }

  seriesUrl(studyInstanceUid: string, seriesInstanceUid: string): string {
    return `${this.url}/studies/${uid(studyInstanceUid)}/series/${uid(seriesInstanceUid)}`;
  }

  instanceUrl(studyInstanceUid: string, seriesInstanceUid: string, sopInstanceUid: string): string {
    return `${this.seriesUrl(studyInstanceUid, seriesInstanceUid)}/instances/${uid(sopInstanceUid)}`;
  }

  /**
   * Frames of one instance in one request, each yielded as soon as its part is
   * complete, in the stored transfer syntax when the server allows
   * (`transfer-syntax=*`), else uncompressed. Each part's syntax comes from its
   * Content-Type and is checked against the codestream's markers.
   */
  async *retrieveFrames(
    instance: {
      readonly studyInstanceUid: string;
      readonly seriesInstanceUid: string;
      readonly sopInstanceUid: string;
    },
    frameNumbers: readonly number[],
    options: FrameRetrieveOptions = {},
  ): AsyncGenerator<RetrievedFrame, void, undefined> {
    const url = `${this.instanceUrl(instance.studyInstanceUid, instance.seriesInstanceUid, instance.sopInstanceUid)}/frames/${frameNumbers.join(',')}`;
    const [only] = frameNumbers;
    const ranged =
      only !== undefined && frameNumbers.length === 1
        ? await this.#rangedFrame(url, options)
        : undefined;
    if (ranged && only !== undefined) {
      const sniffed = sniffTransferSyntax(
        ranged.bytes,
        declaredTransferSyntax(ranged.contentType),
        options.nativeFrameLength,
      );
      yield {
        frameNumber: only,
        transferSyntaxUid: sniffed.transferSyntaxUid,
        bytes: sniffed.bytes,
      };
      return;
    }
    // A body that stops arriving (a proxy that lost its upstream, a dead link that
    // never resets) is cut by a watchdog and surfaces as a retryable truncation.
    const watchdog = new AbortController();
    const signal = options.signal
      ? AbortSignal.any([options.signal, watchdog.signal])
      : watchdog.signal;
    const response = await this.#frames.request(url, {
      signal,
      fetchPriority: options.fetchPriority,
      lossyTransferSyntaxUid: this.lossy ? options.lossyTransferSyntaxUid : undefined,
    });
    const boundary = multipartBoundary(response.headers.get('content-type'));
    if (!response.body) throw new DicomwebHttpError('frames', response.status);
    let index = 0;
    const readOptions = {
      maxPartBytes: this.maxPartBytes,
      ...(options.onPartProgress
        ? { onPartProgress: previewBytesWatch(options.onPartProgress, options) }
        : {}),
    };
    const guarded = this.guardBody(response.body, watchdog, 'frames');
    try {
      for await (const part of readMultipart(guarded.body, boundary, readOptions)) {
        const frameNumber = frameNumberFromLocation(part.contentLocation) ?? frameNumbers[index];
        index++;
        if (frameNumber === undefined) continue;
        const sniffed = sniffTransferSyntax(
          part.bytes,
          declaredTransferSyntax(part.contentType),
          options.nativeFrameLength,
        );
        yield { frameNumber, transferSyntaxUid: sniffed.transferSyntaxUid, bytes: sniffed.bytes };
      }
    } finally {
      guarded.finish();
    }
  }

  /**
   * A bulk data value by its BulkDataURI (PS3.18 8.3.4.1), single-part or multipart body; `range`
   * per RFC 9110 §14. A relative URI is read against the DICOMweb root; one naming another origin
   * is fetched as the origin policy allows (bare, or refused with UntrustedOriginError).
   */
  async retrieveBulkData(
    uri: string,
    options: RequestOptions & { readonly range?: { start: number; end?: number } } = {},
  ): Promise<Uint8Array> {
    const headers: Record<string, string> = {};
    if (options.range) headers['Range'] = `bytes=${options.range.start}-${options.range.end ?? ''}`;
    // Root- and protocol-relative URIs belong to the server that wrote them, not to the page.
    const url = /^[a-z][a-z0-9+.-]*:|^\//i.test(uri)
      ? new URL(uri, this.transport.origins.serverUrl).href
      : `${this.url}/${uri}`;
    const response = await this.transport.request(url, {
      operation: 'bulkdata',
      accept:
        'multipart/related; type="application/octet-stream"; transfer-syntax=*, application/octet-stream',
      headers,
      signal: options.signal,
      fetchPriority: options.fetchPriority,
    });
    return this.#firstPartOrBody(response, 'bulkdata');
  }

  /** The whole instance as Part 10 bytes in its stored syntax (PS3.18 8.7.3.5.2). */
  async retrieveInstance(
    instance: {
      readonly studyInstanceUid: string;
      readonly seriesInstanceUid: string;
      readonly sopInstanceUid: string;
    },
    options: RequestOptions = {},
  ): Promise<Uint8Array> {
    const response = await this.transport.request(
      this.instanceUrl(
        instance.studyInstanceUid,
        instance.seriesInstanceUid,
        instance.sopInstanceUid,
      ),
      {
        operation: 'instance',
        accept: 'multipart/related; type="application/dicom"; transfer-syntax=*',
        signal: options.signal,
        fetchPriority: options.fetchPriority,
      },
    );
    return this.#firstPartOrBody(response, 'instance');
  }

  /** A large frame shown progressively, in two byte ranges when the server allows; else undefined. */
  async #rangedFrame(url: string, options: FrameRetrieveOptions): Promise<RangedFrame | undefined> {
    const { onPartProgress, previewBytes, nativeFrameLength } = options;
    const wanted =
      onPartProgress &&
      previewBytes !== undefined &&
      previewBytes > 0 &&
      (nativeFrameLength ?? 0) >= this.#rangeMinFrameBytes;
    // Byte ranges read the stored frame: a lossy client asks for fewer bytes another way.
    if (!wanted || this.lossy || this.#bareRefused || this.#frames.uncompressedOnly)
      return undefined;
    const ranged = await retrieveRangedFrame(this.transport, url, {
      prefixBytes: previewBytes,
      signal: options.signal,
      fetchPriority: options.fetchPriority,
      onPartProgress,
      beforeRest: options.beforeRest,
      stallTimeoutMs: this.stallTimeoutMs,
      maxBytes: this.maxPartBytes,
    });
    if (!ranged) this.#bareRefused = true;
    return ranged;
  }

  async #firstPartOrBody(response: Response, operation: DicomwebOperation): Promise<Uint8Array> {
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('multipart/') || !response.body) {
      return readBoundedBody(response, operation, 'body', this.maxPartBytes, this.stallTimeoutMs);
    }
    const body = withStallTimeout(response.body, this.stallTimeoutMs, operation);
    const parts = readMultipart(body, multipartBoundary(contentType), {
      maxPartBytes: this.maxPartBytes,
      operation,
    });
    for await (const part of parts) return part.bytes;
    return new Uint8Array(0);
  }

  async #json(
    url: string,
    operation: DicomwebOperation,
    options: RequestOptions,
  ): Promise<DicomJsonObject[]> {
    return this.transport.withRetry(options.signal, async () => {
      const response = await this.transport.request(url, {
        operation,
        accept: 'application/dicom+json, application/json',
        signal: options.signal,
        fetchPriority: options.fetchPriority,
      });
      // PS3.18 8.3.4.5: 204 No Content when a search matches nothing.
      if (response.status === 204) return [];
      return readDicomJsonBody(response, operation, this.maxJsonBytes, this.stallTimeoutMs);
    });
  }
}

function frameNumberFromLocation(location: string | undefined): number | undefined {
  const match = location ? /\/frames\/(\d+)\/?$/.exec(location) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * `onPartProgress`, then `onPreviewBytes` once the first part holds `previewBytes` (a multipart
 * stream cannot pause between a progressive frame's preview and its rest: the caller may abort it).
 */
function previewBytesWatch(
  onPartProgress: (part: PartialPart) => void,
  { previewBytes, onPreviewBytes }: FrameRetrieveOptions,
): (part: PartialPart) => void {
  let told = previewBytes === undefined || onPreviewBytes === undefined;
  return (part) => {
    onPartProgress(part);
    if (told || part.receivedBytes < (previewBytes ?? 0)) return;
    told = true;
    onPreviewBytes?.();
  };
}
