/**
 * The cells of a session's grid and what fills them: a stack and its loader or a report document
 * per cell, progress and failures per series, Retry. ViewerSession extends it with the patient:
 * the history, the hang, refusals and the work behind the first image.
 */
import type { ViewerServices } from '../context/viewer-services.js';
import { DicomwebAuthError } from '../dicomweb/errors.js';
import { PatientMismatchEvent, type PatientMismatchCode } from '../events/patient-mismatch.js';
import { ViewerErrorEvent, type ViewerErrorCode } from '../events/viewer-error.js';
import { IdentityMismatchError, type IdentityVigilance } from './identity-vigilance.js';
import { findSeries, type HistoryStudy } from './patient-history.js';
import { PatientMismatchError } from './patient-match.js';
import type { SeriesRepository } from './series-repository.js';
import type { DicomwebPixelDataSource } from '../dicomweb/dicomweb-pixel-data-source.js';
import type { OpeningView } from '../dicomweb/series-opening.js';
import {
  blankCell,
  imageCellOf,
  patchCells,
  type ViewerCell,
  type ViewerGrid,
} from './viewer-cell.js';

/**
 * The element that owns the session (through ViewerSessionController): series events are
 * dispatched on it, and it renders again when the session's state changes (Lit's
 * ReactiveControllerHost.requestUpdate).
 */
export interface SessionHost {
  readonly target: EventTarget;
  requestUpdate(): void;
}

export abstract class SessionCells {
  history: HistoryStudy[] = [];
  current: HistoryStudy | undefined;
  grid: ViewerGrid = { rows: 1, columns: 1, cells: [blankCell(0, 0)] };
  protected readonly services: ViewerServices;
  protected readonly host: SessionHost;
  protected readonly vigilance: IdentityVigilance | undefined;
  protected repository: SeriesRepository | undefined;

  constructor(services: ViewerServices, host: SessionHost, vigilance?: IdentityVigilance) {
    this.services = services;
    this.host = host;
    this.vigilance = vigilance;
  }

  /** Aborted when the session is disposed: the patient was left. */
  abstract get signal(): AbortSignal;

  get disposed(): boolean {
    return this.signal.aborted;
  }

  /** A refusal by the server (401/403): handled (true) or not this kind of error (false). */
  abstract refused(error: unknown): Promise<boolean>;

  /** Puts a series (image stack or report) into a cell. */
  async place(cellId: number, studyInstanceUid: string, seriesInstanceUid: string): Promise<void> {
    const series = findSeries(this.history, studyInstanceUid, seriesInstanceUid);
    // A drag from another viewer or page may name anything: only this patient's history here.
    if (!series) {
      this.mismatch('placement-refused', 1);
      return;
    }
    this.update(cellId, {
      ...blankCell(0, 0),
      content: 'image',
      label: series.seriesDescription ?? series.modality,
      role: studyInstanceUid === this.current?.studyInstanceUid ? 'current' : 'prior',
      studyInstanceUid,
      seriesInstanceUid,
    });
    await this.fill(cellId);
  }

  /** A new grid on screen: series no cell shows any more stop loading (requests, decodes, writes). */
  protected show(grid: ViewerGrid): void {
    this.grid = grid;
    this.repository?.withdrawExcept(
      new Set(grid.cells.flatMap((cell) => cell.seriesInstanceUid ?? [])),
    );
    this.host.requestUpdate();
  }

  /** Loads what a cell names: a stack and its loader, or a report document. */
  fill(cellId: number, signal: AbortSignal = this.signal): Promise<void> {
    return this.#fill(cellId, signal, undefined);
  }

  /** `opened`: the cell's first slice is on screen already, its stack comes with `reuse`. */
  async #fill(
    cellId: number,
    signal: AbortSignal,
    opened: Promise<readonly DicomwebPixelDataSource[] | undefined> | undefined,
  ): Promise<void> {
    const cell = this.cell(cellId);
    const repository = this.repository;
    if (!cell || !repository || cell.content === 'empty') return;
    const { studyInstanceUid, seriesInstanceUid } = cell;
    if (studyInstanceUid === undefined || seriesInstanceUid === undefined) return;
    const modality = findSeries(this.history, studyInstanceUid, seriesInstanceUid)?.modality;
    try {
      if (modality === 'SR' || modality === 'DOC') {
        const document = await repository.document(studyInstanceUid, seriesInstanceUid);
        if (signal.aborted) return;
        this.update(cellId, {
          content: modality === 'SR' ? 'sr' : 'pdf',
          document,
          identityMismatch: this.vigilance?.traitsOf(studyInstanceUid) ?? [],
        });
        return;
      }
      const opening = opened ? undefined : await this.#firstSlice(cellId, repository, signal);
      if (opening) {
        // The hang goes on once the slice's frame is asked for (a frame never holds up the next
        // hang); the stack follows, behind that frame.
        void this.#fill(cellId, signal, opening.reuse);
        await opening.asked;
        return;
      }
      const reuse = await opened;
      const loader = await repository.loader(
        studyInstanceUid,
        seriesInstanceUid,
        this.host.target,
        undefined,
        reuse,
      );
      // Another study or layout was opened meanwhile: this cell is not on screen any more.
      if (signal.aborted) return;
      const shown = {
        ...imageCellOf(cell, loader),
        identityMismatch: this.vigilance?.traitsOf(studyInstanceUid) ?? [],
      };
      this.update(cellId, shown);
      loader.start(shown.index);
      // The loader may already have given up (a shared loader, an earlier cell).
      if (loader.state === 'error') this.seriesFailed(seriesInstanceUid, loader.error);
    } catch (error) {
      if (this.disposed || (await this.refused(error))) return;
      // identityPolicy 'block': the cell says why instead of showing the study (no cb-error).
      if (error instanceof IdentityMismatchError) {
        this.update(cellId, { identityMismatch: error.traits, identityBlocked: true });
        return;
      }
      this.update(cellId, { failed: true });
      // Reported once per series by the repository as a cb-patient-mismatch warning.
      if (error instanceof PatientMismatchError) return;
      this.fail(modality === 'SR' || modality === 'DOC' ? 'report' : 'metadata', error);
    }
  }

  /**
   * Issue 18 item 2: a series not read yet shows its first slice (SeriesOpening: the slice's own
   * metadata and frame) before the series metadata, which is read behind that frame. The slice
   * is the one imageCellOf picks (a named instance, or the first); once the loader is made the
   * cell shows the loader's order and whole stack. `asked`: the slice's frame was asked for; `reuse`:
   * the slice's source for the loader, once the series metadata is in (or failed).
   */
  async #firstSlice(
    cellId: number,
    repository: SeriesRepository,
    signal: AbortSignal,
  ): Promise<
    | {
        readonly asked: Promise<void>;
        readonly reuse: Promise<readonly DicomwebPixelDataSource[] | undefined>;
      }
    | undefined
  > {
    const cell = this.cell(cellId);
    const { studyInstanceUid = '', seriesInstanceUid = '', sopInstanceUid } = cell ?? {};
    // A prior is not the visible slice the reader waits for, and its first image is aligned by
    // position to a current cell, which needs its whole stack: it opens by its series metadata.
    if (!cell || cell.role === 'prior' || (sopInstanceUid === undefined && cell.frame !== 0))
      return undefined;
    const view: OpeningView =
      sopInstanceUid === undefined ? 'first' : { sopInstanceUid, frame: cell.frame };
    const opening = await repository.opening(
      studyInstanceUid,
      seriesInstanceUid,
      view,
      // Called only once the repository checked the slice's own Patient module and identity.
      async (first) => {
        const now = this.cell(cellId);
        // Not this cell's any more: the frame is left to whoever shows the series.
        signal.throwIfAborted();
        if (now?.seriesInstanceUid !== seriesInstanceUid || now.stack.length > 0) return;
        this.update(cellId, {
          content: 'image',
          stack: [first.dataset],
          index: 0,
          progress: { loaded: 0, total: first.total },
          identityMismatch: this.vigilance?.traitsOf(studyInstanceUid) ?? [],
        });
        // One task: the host renders the cell and its viewport asks for the frame (microtasks)
        // before the opening does, so the viewport's request is the one that goes to the network.
        await new Promise((resolve) => setTimeout(resolve));
      },
      // Refused: nothing of it is shown; a blocked identity is said at once, as the loader's path
      // would say it once the series metadata is in.
      (error) => {
        if (error instanceof IdentityMismatchError && !signal.aborted)
          this.update(cellId, { identityMismatch: error.traits, identityBlocked: true });
      },
      signal,
    );
    if (!opening) return undefined;
    const reuse = opening.instances.then(
      () => undefined,
      () => undefined,
    );
    return {
      asked: opening.frameAsked,
      // A refused slice (its frame never asked for) is not handed to the loader.
      reuse: reuse.then(() =>
        opening.askedSlice.then((first) => (first ? [first.source] : undefined)),
      ),
    };
  }

  /** Cells showing this series get its progress (bar in the viewport). */
  progress(seriesInstanceUid: string, loaded: number, total: number): void {
    this.patchSeries(seriesInstanceUid, { progress: { loaded, total } });
  }

  /**
   * `cb-series-error`: cells showing the series get their error state and Retry, unless the
   * server refused the user (401/403): then the patient is closed and purged.
   */
  seriesFailed(seriesInstanceUid: string, error: unknown): void {
    const loader = this.repository?.existingLoader(seriesInstanceUid);
    // The event's detail is a code, never the error (issue 13 item 6): the loader keeps the error.
    const refusal = error instanceof DicomwebAuthError ? error : loader?.error;
    if (refusal instanceof DicomwebAuthError) {
      void this.refused(refusal);
      return;
    }
    const missing = loader ? loader.total - loader.loadedCount : 1;
    if (this.patchSeries(seriesInstanceUid, { framesFailed: Math.max(1, missing) }))
      this.fail('series', error);
  }

  /**
   * Retry in a cell: a cell that showed nothing is filled again; a series with missing frames
   * asks again for those, nearest to `viewIndex` first.
   */
  async retry(cellId: number, viewIndex: number | undefined): Promise<void> {
    const cell = this.cell(cellId);
    if (!cell) return;
    if (cell.failed) {
      this.update(cellId, { failed: false });
      await this.fill(cellId);
      return;
    }
    const seriesInstanceUid = cell.seriesInstanceUid;
    if (seriesInstanceUid === undefined) return;
    const loader = this.repository?.existingLoader(seriesInstanceUid);
    this.patchSeries(seriesInstanceUid, { framesFailed: 0 });
    if (!loader) {
      await this.fill(cellId);
      return;
    }
    if (loader.state === 'error') loader.retry(viewIndex ?? cell.index);
    else if (loader.state !== 'loaded') loader.start(viewIndex ?? cell.index);
  }

  protected mismatch(code: PatientMismatchCode, count: number): void {
    if (!this.disposed) this.host.target.dispatchEvent(new PatientMismatchEvent({ code, count }));
  }

  /** Every cell showing the series gets `patch`; false when none shows it. */
  protected patchSeries(seriesInstanceUid: string, patch: Partial<ViewerCell>): boolean {
    const grid = patchCells(
      this.grid,
      (cell) => cell.seriesInstanceUid === seriesInstanceUid,
      patch,
    );
    if (grid === this.grid) return false;
    this.grid = grid;
    this.host.requestUpdate();
    return true;
  }

  protected cell(cellId: number): ViewerCell | undefined {
    return this.grid.cells.find((cell) => cell.id === cellId);
  }

  protected update(cellId: number, patch: Partial<ViewerCell>): void {
    this.grid = patchCells(this.grid, (cell) => cell.id === cellId, patch);
    this.host.requestUpdate();
  }

  protected fail(code: ViewerErrorCode, error: unknown): void {
    if (this.disposed || this.services.signal.aborted) return;
    if (error instanceof DOMException && error.name === 'AbortError') return;
    this.host.target.dispatchEvent(new ViewerErrorEvent(code, error));
  }
}
