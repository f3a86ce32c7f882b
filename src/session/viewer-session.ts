/**
 * The viewer's work for one patient: the history, which study is current, the hung grid and
 * its cells' contents, and the work behind the first image (thumbnails, prior prefetch). A new
 * patient (or request) means a new session; disposing it aborts its requests, decodes and cache
 * writes. Each hang (a study, a comparison, a layout) is an operation of its own: the next one
 * aborts it and withdraws the loaders of series it no longer shows.
 */
import type { ViewerServices } from '../context/viewer-services.js';
import type { StudySummary } from '../hanging-protocols/summaries.js';
import type { ViewerCellState } from '../hanging-protocols/viewer-cell-state.js';
import { ViewerErrorEvent } from '../events/viewer-error.js';
import { PatientMismatchError } from './patient-match.js';
import { openHistory } from './cached-history.js';
import { DicomwebAuthError } from '../dicomweb/errors.js';
import { inBackground } from '../internal/when-idle.js';
import {
  filteredHistory,
  ownSeriesOnly,
  requestedStudy,
  type HistoryRequest,
} from './patient-history.js';
import { BackgroundWork } from './background-work.js';
import { SessionCells, type SessionHost } from './session-cells.js';
import { hangGrid, type HangOptions } from './hang-grid.js';
import { hangsFromSeriesLevel, seriesLevelSummaries } from './series-level-hang.js';
import type { PrefetchProgress } from './prior-prefetch.js';
import { SeriesRepository } from './series-repository.js';
import type { IdentityVigilance } from './identity-vigilance.js';
import type { ThumbnailImage } from './thumbnail-image.js';
import { blankCell, gridFromStates, patchCells } from './viewer-cell.js';
import type { ImageSelection, ManifestSource } from './image-selection.js';
import { KeyObjectView, SELECTION_PROTOCOL_ID, type SelectionRequest } from './selection-hang.js';

export type { HangOptions } from './hang-grid.js';

export type { SessionHost } from './session-cells.js';

export class ViewerSession extends SessionCells {
  protocolId = '';
  comparedWith: string[] = [];
  /** The hung layout could show a prior (the view toggle has a meaning). */
  hasPrior = false;
  /** The server could not be reached: what is shown comes from this device's cache. */
  offline = false;
  readonly prefetchProgress = new Map<string, PrefetchProgress>();
  /** Series Instance UID → thumbnail (a new map per addition, so the study browser updates). */
  thumbnails: ReadonlyMap<string, ThumbnailImage> = new Map();
  readonly #keyObjects: KeyObjectView;
  readonly #request: HistoryRequest;
  #summaries: StudySummary[] = [];
  #background: BackgroundWork | undefined;
  #prefetchBytes = 0;
  readonly #lifetime = new AbortController();
  /** The current hang (a study, a comparison, a layout): the next one aborts it. */
  #operation = new AbortController();

  /**
   * `vigilance`: the launch identity every study is compared with (none: no comparison);
   * `selection`: a KOS manifest or key images only (none: the patient's history as it is).
   */
  constructor(
    services: ViewerServices,
    request: HistoryRequest,
    host: SessionHost,
    vigilance?: IdentityVigilance,
    selection: SelectionRequest = {},
  ) {
    super(services, host, vigilance);
    this.#keyObjects = new KeyObjectView(services, selection);
    this.#request = request;
    // A study contradicting the launch identity: the cells showing it say so, and under 'block'
    // they are blocked at once, whichever read saw it first (a first slice, a thumbnail's metadata).
    vigilance?.listen((studyInstanceUid, traits, blocked) => {
      const grid = patchCells(this.grid, (cell) => cell.studyInstanceUid === studyInstanceUid, {
        identityMismatch: traits,
        ...(blocked ? { identityBlocked: true } : {}),
      });
      if (grid === this.grid) return;
      this.grid = grid;
      this.host.requestUpdate();
    });
  }

  /** Aborted when the session is disposed: the patient was left. */
  override get signal(): AbortSignal {
    return this.#lifetime.signal;
  }

  /** What a KOS selects (a manifest, or the current study's key images): shown instead of a hang. */
  get selection(): ImageSelection | undefined {
    return this.#keyObjects.selection;
  }

  /** Not disposed (a method, so a check after an await is not narrowed away). */
  isOpen(): boolean {
    return !this.disposed;
  }

  /** A new operation (hang, restore): the previous one is aborted. */
  #begin(): AbortSignal {
    this.#operation.abort(new DOMException('Another study or layout was opened', 'AbortError'));
    this.#operation = new AbortController();
    return AbortSignal.any([this.#operation.signal, this.#lifetime.signal]);
  }

  /** Searches the history and picks the current study; false when nothing could be opened. */
  async open(): Promise<boolean> {
    const { manifest } = this.#keyObjects;
    if (manifest !== undefined) return this.#openManifest(manifest);
    try {
      const opened = await openHistory(this.services, this.#request, {
        onStudiesDropped: (count) => {
          this.mismatch('study-dropped', count);
        },
      });
      this.history = filteredHistory(opened.history, this.#request);
      this.offline = opened.offline;
    } catch (error) {
      // openHistory purged the patient's records before a refusal reached here.
      if (error instanceof DicomwebAuthError) this.#refusedNow(error);
      else this.fail('history', error);
      this.host.requestUpdate();
      return false;
    }
    if (this.disposed) return false;
    this.current = requestedStudy(this.history, this.#request);
    if (!this.current) {
      this.fail('no-study', undefined);
      this.host.requestUpdate();
      return false;
    }
    const { issuer, patientId = this.current.patientId ?? '' } = this.#request;
    const patient = { patientId, ...(issuer === undefined ? {} : { issuer }) };
    this.repository = this.#newRepository(patient);
    this.host.requestUpdate();
    return true;
  }

  #newRepository(patient: { patientId: string; issuer?: string }): SeriesRepository {
    return new SeriesRepository(
      this.services,
      patient,
      this.host.target,
      (error) => {
        void this.refused(error);
      },
      this.vigilance,
    );
  }

  /** The manifest's series, each from its source, as the history: only its patient's. */
  async #openManifest(manifest: ManifestSource): Promise<boolean> {
    try {
      const opened = await this.#keyObjects.openManifest(
        manifest,
        this.signal,
        (patient) => this.#newRepository(patient),
        (error) => {
          if (!(error instanceof PatientMismatchError)) this.fail('metadata', error);
        },
      );
      this.repository = opened.repository;
      this.history = opened.history;
    } catch (error) {
      if (!(await this.refused(error))) this.fail('manifest', error);
      this.host.requestUpdate();
      return false;
    }
    this.current = this.history[0];
    this.host.requestUpdate();
    return this.current !== undefined && this.isOpen();
  }

  /** Makes `studyInstanceUid` the current study (the next `hang()` lays it out). */
  select(studyInstanceUid: string): boolean {
    const study = this.history.find((item) => item.studyInstanceUid === studyInstanceUid);
    if (!study) return false;
    this.current = study;
    this.#summaries = [];
    return true;
  }

  /**
   * Chooses a protocol for the current study and fills the grid: one operation, aborted by the
   * next hang or restore (the loaders of series it no longer shows are withdrawn).
   */
  async hang(options: HangOptions): Promise<boolean> {
    const repository = this.repository;
    const current = this.current;
    if (!repository || !current) return false;
    const signal = this.#begin();
    this.#prefetchBytes = options.prefetchBytes;
    await this.#keyObjects.selectKeyImages(repository, current, signal).catch((error: unknown) => {
      this.fail('manifest', error);
    });
    const selected = this.#keyObjects.layout(this.history, current);
    if (selected) {
      this.hasPrior = false;
      this.protocolId = SELECTION_PROTOCOL_ID;
      this.comparedWith = selected.comparedWith;
      this.show(selected.grid);
      await Promise.all(this.grid.cells.map((cell) => this.fill(cell.id, signal)));
      return !signal.aborted;
    }
    // Cross-sectional studies hang from the QIDO answer: no series metadata before the first
    // frame; mammography reads per-image views from the metadata (series-level-hang.ts).
    if (this.#summaries.length === 0)
      this.#summaries = hangsFromSeriesLevel(
        options.protocols,
        options.protocol,
        this.history,
        current,
      )
        ? seriesLevelSummaries(this.history, current)
        : await repository.summaries(this.history, current);
    if (signal.aborted) return false;
    const summary = this.#summaries.find((s) => s.studyInstanceUid === current.studyInstanceUid);
    if (!summary) return false;
    const hung = hangGrid(summary, this.#summaries, options);
    this.hasPrior = hung.hasPrior;
    this.protocolId = hung.protocolId;
    this.comparedWith = hung.comparedWith;
    this.show(hung.grid);
    await Promise.all(this.grid.cells.map((cell) => this.fill(cell.id, signal)));
    // Thumbnails and priors behind the first image: a second loader, reads and decodes.
    void inBackground().then(() => {
      if (!signal.aborted) this.#startBackground();
    });
    return !signal.aborted;
  }

  /** The bytes the prior prefetch may fetch changed: it stops, or goes on within the new budget. */
  setPrefetchBudget(bytes: number): void {
    this.#prefetchBytes = bytes;
    this.#background?.setPrefetchBudget(bytes);
  }

  /** `setLayout()`: the given cells, as given. */
  async restore(states: readonly ViewerCellState[]): Promise<void> {
    const signal = this.#begin();
    // Only this patient's series: another's is not even asked for.
    const known = ownSeriesOnly(states, this.history);
    const refused = states.filter((state, i) => state !== known[i]).length;
    if (refused > 0) this.mismatch('placement-refused', refused);
    this.protocolId = '';
    this.show(gridFromStates(known));
    await Promise.all(this.grid.cells.map((cell) => this.fill(cell.id, signal)));
  }

  /**
   * The server refused the user (401 after `refreshToken`, or 403) while this patient was open:
   * nothing of the patient stays on screen, its cached records are purged, then `cb-error`
   * (`unauthorized` or `forbidden`) is dispatched. False for any other error.
   */
  override async refused(error: unknown): Promise<boolean> {
    if (!(error instanceof DicomwebAuthError)) return false;
    if (this.disposed) return true;
    const patientId = this.#request.patientId ?? this.current?.patientId;
    this.#close();
    if (patientId !== undefined) {
      const { issuer } = this.#request;
      await this.services.cache
        .clearPatient({ patientId, ...(issuer === undefined ? {} : { issuer }) })
        .catch((failure: unknown) => {
          this.fail('cache', failure);
        });
    }
    this.#refusedNow(error);
    return true;
  }

  #refusedNow(error: DicomwebAuthError): void {
    if (this.services.signal.aborted) return;
    this.host.target.dispatchEvent(
      new ViewerErrorEvent(error.status === 403 ? 'forbidden' : 'unauthorized', error),
    );
  }

  /** Nothing of the patient on screen any more: history, grid, thumbnails, loaders. */
  #close(): void {
    this.history = [];
    this.current = undefined;
    this.grid = { rows: 1, columns: 1, cells: [blankCell(0, 0)] };
    this.thumbnails = new Map();
    this.hasPrior = false;
    this.offline = false;
    this.#summaries = [];
    this.dispose();
    this.host.requestUpdate();
  }

  dispose(): void {
    this.#lifetime.abort(new DOMException('Patient closed', 'AbortError'));
    this.vigilance?.close();
    this.#background?.stop();
    this.repository?.dispose();
  }

  /** After the cells have asked for their frames: thumbnails never pass a frame on screen. */
  #startBackground(): void {
    const repository = this.repository;
    const current = this.current;
    if (this.#background || !repository || !current || this.disposed) return;
    this.#background = new BackgroundWork(
      {
        services: this.services,
        repository,
        history: this.history,
        current,
        shown: new Set(this.grid.cells.flatMap((cell) => cell.seriesInstanceUid ?? [])),
        onThumbnail: (seriesInstanceUid: string, image: ThumbnailImage) => {
          this.thumbnails = new Map([...this.thumbnails, [seriesInstanceUid, image]]);
          this.host.requestUpdate();
        },
        onPrefetchProgress: (studyInstanceUid: string, progress: PrefetchProgress) => {
          this.prefetchProgress.set(studyInstanceUid, progress);
          this.host.requestUpdate();
        },
      },
      this.#prefetchBytes,
    );
  }
}
