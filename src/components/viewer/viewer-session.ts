/**
 * The viewer's work for one patient: the history, which study is current, the hung grid and
 * its cells' contents, and the prior prefetch. A new patient (or request) means a new session;
 * disposing the old one aborts its requests and its prefetch.
 */
import type { ViewerServices } from '../../context/viewer-services.js';
import { hangStudies, type ComparisonView } from '../../hanging-protocols/hang-studies.js';
import type { HangingProtocol } from '../../hanging-protocols/hanging-protocol.js';
import type { StudySummary } from '../../hanging-protocols/summaries.js';
import type { ViewerCellState } from '../../hanging-protocols/viewer-cell-state.js';
import { ViewerErrorEvent, type ViewerErrorCode } from './events/viewer-error.js';
import { PatientMismatchEvent, type PatientMismatchCode } from './events/patient-mismatch.js';
import { PatientMismatchError } from './patient-match.js';
import { openHistory } from './cached-history.js';
import { DicomwebAuthError } from '../../dicomweb/errors.js';
import { inBackground } from '../../internal/when-idle.js';
import {
  findSeries,
  ownSeriesOnly,
  type HistoryRequest,
  type HistoryStudy,
} from './patient-history.js';
import { PriorPrefetch, type PrefetchProgress } from './prior-prefetch.js';
import { SeriesRepository } from './series-repository.js';
import { SeriesThumbnails } from './series-thumbnails.js';
import {
  blankCell,
  gridFromHanging,
  gridFromStates,
  reshapeGrid,
  type ViewerCell,
  type ViewerGrid,
} from './viewer-cell.js';

export interface HangOptions {
  readonly protocols: readonly HangingProtocol[];
  readonly protocol: string;
  readonly view: ComparisonView;
  /** Fixed grid from the `layout` attribute; undefined = the protocol's own. */
  readonly grid: { readonly rows: number; readonly columns: number } | undefined;
  /** `compare="none"`: protocols that need a prior are left out. */
  readonly compare: boolean;
  /** Bytes the prior prefetch may fetch; 0 turns it off. */
  readonly prefetchBytes: number;
}

export interface SessionHost {
  /** Where series events are dispatched (the viewer element: they bubble to the host page). */
  readonly target: HTMLElement;
  changed(): void;
}

export class ViewerSession {
  history: HistoryStudy[] = [];
  current: HistoryStudy | undefined;
  grid: ViewerGrid = { rows: 1, columns: 1, cells: [blankCell(0, 0)] };
  protocolId = '';
  comparedWith: string[] = [];
  /** The hung layout could show a prior (the view toggle has a meaning). */
  hasPrior = false;
  /** The server could not be reached: what is shown comes from this device's cache. */
  offline = false;
  readonly prefetchProgress = new Map<string, PrefetchProgress>();
  /** Series Instance UID → thumbnail (a new map per addition, so the study browser updates). */
  thumbnails: ReadonlyMap<string, HTMLCanvasElement> = new Map();
  readonly #services: ViewerServices;
  readonly #host: SessionHost;
  readonly #request: HistoryRequest;
  #repository: SeriesRepository | undefined;
  #summaries: StudySummary[] = [];
  #prefetch: PriorPrefetch | undefined;
  #thumbnails: SeriesThumbnails | undefined;
  #disposed = false;
  #generation = 0;

  constructor(services: ViewerServices, request: HistoryRequest, host: SessionHost) {
    this.#services = services;
    this.#request = request;
    this.#host = host;
  }

  get repository(): SeriesRepository | undefined {
    return this.#repository;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Not disposed (a method, so a check after an await is not narrowed away). */
  isOpen(): boolean {
    return !this.#disposed;
  }

  /** Searches the history and picks the current study; false when nothing could be opened. */
  async open(): Promise<boolean> {
    try {
      const opened = await openHistory(this.#services, this.#request, {
        onStudiesDropped: (count) => {
          this.#mismatch('study-dropped', count);
        },
      });
      this.history = opened.history;
      this.offline = opened.offline;
    } catch (error) {
      // openHistory purged the patient's records before a refusal reached here.
      if (error instanceof DicomwebAuthError) this.#refusedNow(error);
      else this.#fail('history', error);
      this.#host.changed();
      return false;
    }
    if (this.#disposed) return false;
    const { studyInstanceUids: named, accessionNumbers } = this.#request;
    // A study asked for by name that is not this patient's is not replaced by another one.
    const anyStudy = named.length === 0 && accessionNumbers.length === 0;
    this.current =
      this.history.find((study) => named.includes(study.studyInstanceUid)) ??
      this.history.find(
        (study) =>
          study.accessionNumber !== undefined && accessionNumbers.includes(study.accessionNumber),
      ) ??
      (anyStudy
        ? this.history.find((s) => s.series.some((item) => !['SR', 'DOC'].includes(item.modality)))
        : undefined);
    if (!this.current) {
      this.#fail('no-study', undefined);
      this.#host.changed();
      return false;
    }
    const { issuer, patientId = this.current.patientId ?? '' } = this.#request;
    const patient = { patientId, ...(issuer === undefined ? {} : { issuer }) };
    this.#repository = new SeriesRepository(this.#services, patient, this.#host.target, (error) => {
      void this.refused(error);
    });
    this.#host.changed();
    return true;
  }

  /** Makes `studyInstanceUid` the current study (the next `hang()` lays it out). */
  select(studyInstanceUid: string): boolean {
    const study = this.history.find((item) => item.studyInstanceUid === studyInstanceUid);
    if (!study) return false;
    this.current = study;
    this.#summaries = [];
    return true;
  }

  /** Chooses a protocol for the current study and fills the grid. */
  async hang(options: HangOptions): Promise<void> {
    const repository = this.#repository;
    const current = this.current;
    if (!repository || !current) return;
    const generation = ++this.#generation;
    if (this.#summaries.length === 0)
      this.#summaries = await repository.summaries(this.history, current);
    if (generation !== this.#generation || this.#disposed) return;
    const summary = this.#summaries.find((s) => s.studyInstanceUid === current.studyInstanceUid);
    if (!summary) return;
    const protocols = options.compare
      ? options.protocols
      : options.protocols.filter((protocol) => protocol.priors?.required !== true);
    const full = hangStudies({
      current: summary,
      history: this.#summaries,
      protocols,
      protocol: options.protocol,
      view: options.compare ? options.view : 'current',
    });
    const withPrior = options.compare
      ? full
      : hangStudies({
          current: summary,
          history: this.#summaries,
          protocols: options.protocols,
          protocol: options.protocol,
          view: 'both',
        });
    this.hasPrior = withPrior?.cells.some((cell) => cell.role === 'prior' && !cell.empty) ?? false;
    this.protocolId = full?.protocolId ?? '';
    let grid = full ? gridFromHanging(full) : { rows: 1, columns: 1, cells: [blankCell(0, 0)] };
    if (options.grid) grid = reshapeGrid(grid, options.grid.rows, options.grid.columns);
    this.comparedWith = [
      ...new Set(
        grid.cells
          .filter((cell) => cell.role === 'prior' && cell.studyInstanceUid !== undefined)
          .map((cell) => cell.studyInstanceUid ?? ''),
      ),
    ];
    this.grid = grid;
    this.#host.changed();
    await Promise.all(grid.cells.map((cell) => this.fill(cell.id)));
    // Thumbnails and priors behind the first image: a second loader, reads and decodes.
    void inBackground().then(() => {
      if (this.#disposed) return;
      this.#startThumbnails();
      this.#startPrefetch(options.prefetchBytes);
    });
  }

  /** `setLayout()`: the given cells, as given. */
  async restore(states: readonly ViewerCellState[]): Promise<void> {
    ++this.#generation;
    // Only this patient's series: another's is not even asked for.
    const known = ownSeriesOnly(states, this.history);
    const refused = states.filter((state, i) => state !== known[i]).length;
    if (refused > 0) this.#mismatch('placement-refused', refused);
    this.grid = gridFromStates(known);
    this.protocolId = '';
    this.#host.changed();
    await Promise.all(this.grid.cells.map((cell) => this.fill(cell.id)));
  }

  /** Puts a series (image stack or report) into a cell. */
  async place(cellId: number, studyInstanceUid: string, seriesInstanceUid: string): Promise<void> {
    const series = findSeries(this.history, studyInstanceUid, seriesInstanceUid);
    // A drag from another viewer or page may name anything: only this patient's history here.
    if (!series) {
      this.#mismatch('placement-refused', 1);
      return;
    }
    this.#update(cellId, {
      ...blankCell(0, 0),
      content: 'image',
      label: series.seriesDescription ?? series.modality,
      role: studyInstanceUid === this.current?.studyInstanceUid ? 'current' : 'prior',
      studyInstanceUid,
      seriesInstanceUid,
    });
    await this.fill(cellId);
  }

  /** Loads what a cell names: a stack and its loader, or a report document. */
  async fill(cellId: number): Promise<void> {
    const cell = this.#cell(cellId);
    const repository = this.#repository;
    if (!cell || !repository || cell.content === 'empty') return;
    const { studyInstanceUid, seriesInstanceUid } = cell;
    if (studyInstanceUid === undefined || seriesInstanceUid === undefined) return;
    const modality = findSeries(this.history, studyInstanceUid, seriesInstanceUid)?.modality;
    try {
      if (modality === 'SR' || modality === 'DOC') {
        const document = await repository.document(studyInstanceUid, seriesInstanceUid);
        this.#update(cellId, { content: modality === 'SR' ? 'sr' : 'pdf', document });
        return;
      }
      const loader = await repository.loader(
        studyInstanceUid,
        seriesInstanceUid,
        this.#host.target,
      );
      const stack = [...new Set(loader.slices.map((slice) => slice.dataset))];
      const found = loader.slices.findIndex(
        (slice) =>
          (cell.sopInstanceUid === undefined ||
            slice.source.sopInstanceUid === cell.sopInstanceUid) &&
          slice.frameIndex === cell.frame,
      );
      const index = found >= 0 ? found : 0;
      this.#update(cellId, {
        content: 'image',
        stack,
        index,
        progress: { loaded: loader.loadedCount, total: loader.total },
        failed: false,
        framesFailed: 0,
        nearestLoaded: (i) => loader.nearestLoaded(i),
      });
      loader.start(index);
      // The loader may already have given up (a shared loader, an earlier cell).
      if (loader.state === 'error') this.seriesFailed(seriesInstanceUid, loader.error);
    } catch (error) {
      if (this.#disposed || (await this.refused(error))) return;
      this.#update(cellId, { failed: true });
      // Reported once per series by the repository as a cb-patient-mismatch warning.
      if (error instanceof PatientMismatchError) return;
      this.#fail(modality === 'SR' || modality === 'DOC' ? 'report' : 'metadata', error);
    }
  }

  /** Cells showing this series get its progress (bar in the viewport). */
  progress(seriesInstanceUid: string, loaded: number, total: number): void {
    if (!this.grid.cells.some((cell) => cell.seriesInstanceUid === seriesInstanceUid)) return;
    const cells = this.grid.cells.map((cell) =>
      cell.seriesInstanceUid === seriesInstanceUid
        ? { ...cell, progress: { loaded, total } }
        : cell,
    );
    this.grid = { ...this.grid, cells };
    this.#host.changed();
  }

  /** `cb-series-error`: cells showing the series get their error state and Retry. */
  seriesFailed(seriesInstanceUid: string, error: unknown): void {
    if (error instanceof DicomwebAuthError) {
      void this.refused(error);
      return;
    }
    const loader = this.#repository?.existingLoader(seriesInstanceUid);
    const missing = loader ? loader.total - loader.loadedCount : 1;
    if (!this.grid.cells.some((cell) => cell.seriesInstanceUid === seriesInstanceUid)) return;
    const cells = this.grid.cells.map((cell) =>
      cell.seriesInstanceUid === seriesInstanceUid
        ? { ...cell, framesFailed: Math.max(1, missing) }
        : cell,
    );
    this.grid = { ...this.grid, cells };
    this.#host.changed();
    this.#fail('series', error);
  }

  /**
   * Retry in a cell: a cell that showed nothing is filled again; a series with missing frames
   * asks again for those, nearest to `viewIndex` first.
   */
  async retry(cellId: number, viewIndex: number | undefined): Promise<void> {
    const cell = this.#cell(cellId);
    if (!cell) return;
    if (cell.failed) {
      this.#update(cellId, { failed: false });
      await this.fill(cellId);
      return;
    }
    const seriesInstanceUid = cell.seriesInstanceUid;
    if (seriesInstanceUid === undefined) return;
    const loader = this.#repository?.existingLoader(seriesInstanceUid);
    const cells = this.grid.cells.map((item) =>
      item.seriesInstanceUid === seriesInstanceUid ? { ...item, framesFailed: 0 } : item,
    );
    this.grid = { ...this.grid, cells };
    this.#host.changed();
    if (!loader) {
      await this.fill(cellId);
      return;
    }
    if (loader.state === 'error') loader.retry(viewIndex ?? cell.index);
    else if (loader.state !== 'loaded') loader.start(viewIndex ?? cell.index);
  }

  /**
   * The server refused the user (401 after `refreshToken`, or 403) while this patient was open:
   * nothing of the patient stays on screen, its cached records are purged, then `cb-error`
   * (`unauthorized` or `forbidden`) is dispatched. False for any other error.
   */
  async refused(error: unknown): Promise<boolean> {
    if (!(error instanceof DicomwebAuthError)) return false;
    if (this.#disposed) return true;
    const patientId = this.#request.patientId ?? this.current?.patientId;
    this.#close();
    if (patientId !== undefined) {
      const { issuer } = this.#request;
      await this.#services.cache
        .clearPatient({ patientId, ...(issuer === undefined ? {} : { issuer }) })
        .catch((failure: unknown) => {
          this.#fail('cache', failure);
        });
    }
    this.#refusedNow(error);
    return true;
  }

  #refusedNow(error: DicomwebAuthError): void {
    if (this.#services.signal.aborted) return;
    this.#host.target.dispatchEvent(
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
    this.#host.changed();
  }

  dispose(): void {
    this.#disposed = true;
    this.#prefetch?.stop();
    this.#thumbnails?.stop();
    this.#repository?.dispose();
  }

  /** After the cells have asked for their frames: thumbnails never pass a frame on screen. */
  #startThumbnails(): void {
    const repository = this.#repository;
    if (this.#thumbnails || !repository || this.#disposed) return;
    this.#thumbnails = new SeriesThumbnails({
      repository,
      frameLoader: this.#services.frameLoader,
      pool: this.#services.pool,
      history: this.history,
      currentStudyInstanceUid: this.current?.studyInstanceUid,
      shown: new Set(
        this.grid.cells.flatMap((cell) =>
          cell.seriesInstanceUid === undefined ? [] : [cell.seriesInstanceUid],
        ),
      ),
      onThumbnail: (seriesInstanceUid, canvas) => {
        this.thumbnails = new Map([...this.thumbnails, [seriesInstanceUid, canvas]]);
        this.#host.changed();
      },
    });
  }

  #startPrefetch(byteBudget: number): void {
    const repository = this.#repository;
    const current = this.current;
    if (this.#prefetch || !repository || !current || this.#services.cache.mode === 'none') return;
    if (!(byteBudget > 0)) return;
    this.#prefetch = new PriorPrefetch({
      repository,
      byteBudget,
      studies: this.history.filter((study) => study.studyInstanceUid !== current.studyInstanceUid),
      onProgress: (studyInstanceUid, progress) => {
        this.prefetchProgress.set(studyInstanceUid, progress);
        this.#host.changed();
      },
    });
  }

  #mismatch(code: PatientMismatchCode, count: number): void {
    if (!this.#disposed) this.#host.target.dispatchEvent(new PatientMismatchEvent({ code, count }));
  }

  #cell(cellId: number): ViewerCell | undefined {
    return this.grid.cells.find((cell) => cell.id === cellId);
  }

  #update(cellId: number, patch: Partial<ViewerCell>): void {
    this.grid = {
      ...this.grid,
      cells: this.grid.cells.map((cell) =>
        cell.id === cellId
          ? { ...cell, ...patch, id: cell.id, row: cell.row, column: cell.column }
          : cell,
      ),
    };
    this.#host.changed();
  }

  #fail(code: ViewerErrorCode, error: unknown): void {
    if (this.#disposed || this.#services.signal.aborted) return;
    if (error instanceof DOMException && error.name === 'AbortError') return;
    this.#host.target.dispatchEvent(new ViewerErrorEvent(code, error));
  }
}
