/**
 * One viewer's series data for the patient on screen: DICOM JSON metadata (cache first, then
 * WADO-RS, revalidated in the background), a SeriesLoader per displayed series, report
 * documents, and the summaries hanging protocols read. Disposing it aborts all of it.
 */
import { isTransferSyntaxSupported } from '../dicom/transfer-syntax.js';
import type { SeriesKey } from '../cache/cache-keys.js';
import type { ViewerServices } from '../context/viewer-services.js';
import type { DicomDataset } from '../dicom/dataset.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import { parseDicom } from '../dicom/parse-dicom.js';
import { jsonString, type DicomJsonObject } from '../dicomweb/dicom-json-values.js';
import { RetrievalPriority } from '../dicomweb/retrieval-request.js';
import type { RetrievalScheduler } from '../dicomweb/retrieval-scheduler.js';
import type { DicomwebClient } from '../dicomweb/dicomweb-client.js';
import { SeriesLoader } from '../dicomweb/series-loader.js';
import { SeriesOpening, type FirstSlice, type OpeningView } from '../dicomweb/series-opening.js';
import type { DicomwebPixelDataSource } from '../dicomweb/dicomweb-pixel-data-source.js';
import { metadataSummaries } from './metadata-summaries.js';
import type { StudySummary } from '../hanging-protocols/summaries.js';
import type { HistoryStudy } from './patient-history.js';
import { PatientMismatchEvent } from '../events/patient-mismatch.js';
import { checkDatasetPatient, PatientMismatchError, seriesPatient } from './patient-match.js';
import { inBackground } from '../internal/when-idle.js';
import { DicomwebAuthError } from '../dicomweb/errors.js';
import { SOPInstanceUID } from '../dicom/tags.generated.js';
import type { IdentityVigilance } from './identity-vigilance.js';

/** Where a series is read from when it is not the viewer's own server (a manifest's source). */
export interface SeriesSource {
  readonly client: DicomwebClient;
  readonly scheduler: RetrievalScheduler;
}

/** What a KOS selection changes: the source of each series and which of its instances show. */
export interface RepositorySelection {
  source(seriesInstanceUid: string): SeriesSource | undefined;
  /** The SOP Instance UIDs shown of a series; undefined: all of them. */
  instances(seriesInstanceUid: string): ReadonlySet<string> | undefined;
}

export interface PatientContext {
  readonly patientId: string;
  readonly issuer?: string;
  /** Other identifiers of the same patient a manifest asserts (patient-match.ts). */
  readonly aliases?: readonly { readonly patientId: string; readonly issuer?: string }[];
}

let prefetchIds = 0;

export class SeriesRepository {
  readonly #services: ViewerServices;
  readonly #patient: PatientContext;
  readonly #controller = new AbortController();
  readonly #metadata = new Map<string, Promise<DicomJsonObject[]>>();
  readonly #loaders = new Map<string, SeriesLoader>();
  readonly #openings = new Map<string, { opening: SeriesOpening; signal: AbortSignal }>();
  readonly #documents = new Map<string, Promise<DicomDataset>>();
  readonly #studies = new Set<string>();
  /** Codecs already asked of the pool: every series of a history names the same few. */
  readonly #warmed = new Set<string>();

  /** Series refused (their data names another patient), each reported once. */
  readonly #refused = new Set<string>();
  readonly #warnings: EventTarget | undefined;
  readonly #onRefused: (error: unknown) => void;
  readonly #vigilance: IdentityVigilance | undefined;
  #selection: RepositorySelection | undefined;

  /**
   * `warnings` hears cb-patient-mismatch for each series or report of another patient;
   * `onRefused` hears of every 401/403 the server answers, background revalidation included.
   */
  constructor(
    services: ViewerServices,
    patient: PatientContext,
    warnings?: EventTarget,
    onRefused: (error: unknown) => void = () => undefined,
    vigilance?: IdentityVigilance,
  ) {
    this.#vigilance = vigilance;
    this.#services = services;
    this.#patient = patient;
    this.#warnings = warnings;
    this.#onRefused = onRefused;
    services.signal.addEventListener('abort', () => {
      this.dispose();
    });
  }

  /** A 401/403 met in the background (thumbnails, prefetch) is the server's decision too. */
  refusedInBackground(error: unknown): void {
    if (error instanceof DicomwebAuthError) this.#onRefused(error);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Show only what a KOS selects, each series from its own source (image-selection.ts). */
  select(selection: RepositorySelection | undefined): void {
    this.#selection = selection;
  }

  #source(seriesInstanceUid: string): SeriesSource {
    return (
      this.#selection?.source(seriesInstanceUid) ?? {
        client: this.#services.client,
        scheduler: this.#services.scheduler,
      }
    );
  }

  #key(studyInstanceUid: string, seriesInstanceUid: string): SeriesKey {
    // Lossy frames and their series live under a name of their own (DicomwebClient.cacheName).
    const server = this.#source(seriesInstanceUid).client.cacheName;
    return { server, studyInstanceUid, seriesInstanceUid };
  }

  /**
   * The series' instance metadata: from the cache when held (revalidated behind), else the server.
   * `fetchPriority` 'low' for background work (thumbnails, prior prefetch): the first caller's
   * request is shared by the later ones.
   */
  metadata(
    studyInstanceUid: string,
    seriesInstanceUid: string,
    fetchPriority?: RequestPriority,
  ): Promise<DicomJsonObject[]> {
    const id = `${studyInstanceUid}/${seriesInstanceUid}`;
    let pending = this.#metadata.get(id);
    if (!pending) {
      pending = this.#readMetadata(
        this.#key(studyInstanceUid, seriesInstanceUid),
        fetchPriority,
      ).then((json) => {
        // The study's Patient module against the launch identity, before anything is shown.
        this.#vigilance?.inspect(studyInstanceUid, json[0]);
        return json;
      });
      this.#metadata.set(id, pending);
      pending.catch((error: unknown) => {
        this.#metadata.delete(id);
        this.#refuse(id, error);
      });
    }
    return pending;
  }

  async #readMetadata(
    key: SeriesKey,
    fetchPriority: RequestPriority | undefined,
  ): Promise<DicomJsonObject[]> {
    this.#studies.add(key.studyInstanceUid);
    const cached = await this.#services.cache.getMetadata(key);
    if (cached?.frameTransferSyntaxUid) this.#warm([cached.frameTransferSyntaxUid]);
    if (cached && Array.isArray(cached.metadata)) {
      seriesPatient(cached.metadata as DicomJsonObject[], this.#patient);
      // Checked with the server behind the first image, not on its path.
      void inBackground()
        .then(() => this.#fetchMetadata(key, 'low'))
        .catch(() => undefined);
      return cached.metadata as DicomJsonObject[];
    }
    return this.#fetchMetadata(key, fetchPriority);
  }

  async #fetchMetadata(
    key: SeriesKey,
    fetchPriority: RequestPriority | undefined,
  ): Promise<DicomJsonObject[]> {
    // A series read from the network (not the cache) is a cold start: the decode workers start
    // and compile the likely codecs while this request is in flight, not after the first frame.
    if (fetchPriority !== 'low') this.#services.pool.prepare();
    const json = await this.#source(key.seriesInstanceUid)
      .client.retrieveSeriesMetadata(key.studyInstanceUid, key.seriesInstanceUid, {
        signal: this.#controller.signal,
        fetchPriority,
      })
      .catch((error: unknown) => {
        if (error instanceof DicomwebAuthError) this.#onRefused(error);
        throw error;
      });
    // Before it is cached or shown: indexed under the patient its own data names.
    const { patientId, issuer } = seriesPatient(json, this.#patient);
    // A changed series replaces the stale copy for the next opening (issue: cache-first).
    void this.#services.cache.putMetadata(key, json, {
      patient: { patientId, ...(issuer === undefined ? {} : { issuer }) },
    });
    return json;
  }

  /**
   * Issue 18 item 2: a series whose metadata is neither held nor asked for (nor a KOS selection's)
   * opens by its first slice and that slice's own metadata; the series metadata (this cache-first
   * read) follows behind the slice's frame. Undefined: the plain path is as quick.
   */
  async opening(
    studyInstanceUid: string,
    seriesInstanceUid: string,
    view: OpeningView,
    beforeFrame: (first: FirstSlice) => Promise<void>,
    refused: (error: unknown) => void,
    signal: AbortSignal,
  ): Promise<SeriesOpening | undefined> {
    const id = `${studyInstanceUid}/${seriesInstanceUid}`;
    // An opening of an aborted hang (another study was opened) is not reused.
    const live = (): SeriesOpening | undefined => {
      const held = this.#openings.get(id);
      return held && !held.signal.aborted ? held.opening : undefined;
    };
    const known = (): boolean =>
      this.#metadata.has(id) || this.#loaders.has(id) || this.#refused.has(id);
    if (this.#selection || known()) return live();
    const key = this.#key(studyInstanceUid, seriesInstanceUid);
    const cached = await this.#services.cache.getMetadata(key);
    if ((cached && Array.isArray(cached.metadata)) || known()) return live();
    let opening = live();
    if (!opening) {
      // Read from the network: a cold start, as in #fetchMetadata (workers and codecs warm up
      // while the slice's search and metadata are in flight).
      this.#services.pool.prepare();
      // Its requests belong to the hang that asked: the next hang aborts them, as it withdraws loaders.
      const both = AbortSignal.any([this.#controller.signal, signal]);
      const { client, scheduler } = this.#source(seriesInstanceUid);
      opening = new SeriesOpening({
        client,
        scheduler,
        server: key.server,
        studyInstanceUid,
        seriesInstanceUid,
        store: this.#services.cache,
        view,
        signal: both,
        seriesMetadata: () => this.metadata(studyInstanceUid, seriesInstanceUid),
        // No frame of the slice goes out, and the caller does not see it, before its own Patient
        // module was checked against the patient opened and the identity policy.
        beforeFrame: async (first) => {
          try {
            this.#checkDataset(studyInstanceUid, first.dataset);
          } catch (error) {
            refused(error);
            throw error;
          }
          await beforeFrame(first);
        },
      });
      this.#openings.set(id, { opening, signal: both });
    }
    return opening;
  }

  /**
   * The display loader of a series (one per series, shared by the cells that show it), or with
   * the prefetch priority a fresh one for the prefetch. `reuse`: sources already fetching (an
   * opening's first slice), not fetched twice.
   */
  async loader(
    studyInstanceUid: string,
    seriesInstanceUid: string,
    eventTarget: EventTarget,
    priorityBase: number = RetrievalPriority.series,
    reuse?: readonly DicomwebPixelDataSource[],
  ): Promise<SeriesLoader> {
    // Prefetch loaders are private to the prefetch: display loaders report to the viewer.
    const shared = priorityBase !== RetrievalPriority.prefetch;
    const id = shared
      ? `${studyInstanceUid}/${seriesInstanceUid}`
      : `prefetch:${String(++prefetchIds)}`;
    const existing = this.#loaders.get(id);
    if (existing) return existing;
    const instances = await this.metadata(
      studyInstanceUid,
      seriesInstanceUid,
      shared ? undefined : 'low',
    );
    this.#controller.signal.throwIfAborted();
    this.#vigilance?.check(studyInstanceUid);
    const again = this.#loaders.get(id);
    if (again) return again;
    const source = this.#source(seriesInstanceUid);
    const shown = this.#selection?.instances(seriesInstanceUid);
    const loader = new SeriesLoader({
      client: source.client,
      scheduler: source.scheduler,
      server: source.client.cacheName,
      studyInstanceUid,
      seriesInstanceUid,
      instances:
        shown === undefined
          ? instances
          : instances.filter((json) => shown.has(jsonString(json, SOPInstanceUID) ?? '')),
      store: this.#services.cache,
      eventTarget,
      priorityBase,
      ...(reuse ? { reuse } : {}),
      ...(shared
        ? {
            warm: (uids: readonly string[]) => {
              this.#warm(uids);
            },
          }
        : {}),
    });
    this.#loaders.set(id, loader);
    return loader;
  }

  /** Best effort: a codec that fails to load (or a syntax without one) fails its decodes, which report it. */
  #warm(transferSyntaxUids: readonly string[]): void {
    const fresh = transferSyntaxUids.filter(
      (uid) => !this.#warmed.has(uid) && isTransferSyntaxSupported(uid),
    );
    if (fresh.length === 0) return;
    for (const uid of fresh) this.#warmed.add(uid);
    this.#services.pool.warmWhenIdle(fresh);
  }

  /** The display loader already made for a series, if any. */
  existingLoader(seriesInstanceUid: string): SeriesLoader | undefined {
    for (const [id, loader] of this.#loaders)
      if (!id.startsWith('prefetch:') && loader.seriesInstanceUid === seriesInstanceUid)
        return loader;
    return undefined;
  }

  /**
   * A new layout: display loaders of series it does not show are withdrawn (their requests,
   * decodes and cache writes stop); a later cell showing one again gets a fresh loader, which
   * finds what was already stored.
   */
  withdrawExcept(shown: ReadonlySet<string>): void {
    for (const [id, loader] of this.#loaders) {
      if (id.startsWith('prefetch:') || shown.has(loader.seriesInstanceUid)) continue;
      loader.dispose();
      this.#loaders.delete(id);
    }
  }

  /** The first instance of a report series (SR, Encapsulated PDF) as a whole data set. */
  document(studyInstanceUid: string, seriesInstanceUid: string): Promise<DicomDataset> {
    const id = `${studyInstanceUid}/${seriesInstanceUid}`;
    let pending = this.#documents.get(id);
    if (!pending) {
      pending = (async () => {
        const instances = await this.#services.client.searchForInstances(
          { studyInstanceUid, seriesInstanceUid },
          {},
          { signal: this.#controller.signal },
        );
        const sopInstanceUid = instances
          .map((json) => datasetFromDicomJson(json).string(SOPInstanceUID))
          .find((uid) => uid !== undefined);
        if (sopInstanceUid === undefined) throw new Error('The series holds no instance');
        const bytes = await this.#services.client.retrieveInstance(
          { studyInstanceUid, seriesInstanceUid, sopInstanceUid },
          { signal: this.#controller.signal },
        );
        const document = parseDicom(bytes);
        this.#checkDataset(studyInstanceUid, document);
        return document;
      })();
      this.#documents.set(id, pending);
      pending.catch((error: unknown) => {
        this.#documents.delete(id);
        this.#refuse(id, error);
      });
    }
    return pending;
  }

  /** Summaries for the hanging protocols from the series metadata (metadata-summaries.ts). */
  summaries(history: readonly HistoryStudy[], current: HistoryStudy): Promise<StudySummary[]> {
    return metadataSummaries(this, history, current);
  }

  /** One data set read by itself (a first slice, a document): its patient, then the identity. */
  #checkDataset(studyInstanceUid: string, dataset: DicomDataset): void {
    checkDatasetPatient(dataset, this.#patient);
    this.#vigilance?.inspect(studyInstanceUid, dataset);
    this.#vigilance?.check(studyInstanceUid);
  }

  #refuse(id: string, error: unknown): void {
    if (!(error instanceof PatientMismatchError) || this.#refused.has(id)) return;
    this.#refused.add(id);
    if (!this.signal.aborted)
      this.#warnings?.dispatchEvent(new PatientMismatchEvent({ code: 'series-refused', count: 1 }));
  }

  /** Leaving the patient: every loader and request of this repository is withdrawn. */
  dispose(): void {
    if (this.#controller.signal.aborted) return;
    this.#controller.abort(new DOMException('Patient closed', 'AbortError'));
    for (const loader of this.#loaders.values()) loader.dispose();
    this.#loaders.clear();
    for (const study of this.#studies) this.#services.scheduler.abortScope(study);
  }
}
