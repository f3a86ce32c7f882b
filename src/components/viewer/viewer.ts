import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ViewerServices } from '../../context/viewer-services.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import { ViewerErrorEvent } from '../../events/viewer-error.js';
import type { HangingProtocol } from '../../hanging-protocols/hanging-protocol.js';
import type { ViewerCellState } from '../../hanging-protocols/viewer-cell-state.js';
import { LanguageController } from '../../controllers/language-controller.js';
import { stringsFor } from '../../i18n/strings.js';
import { DEFAULT_PREFETCH_BUDGET } from '../../session/prior-prefetch.js';
import { ViewerSessionController } from '../../session/session-controller.js';
import type {
  CacheMode,
  ClearCacheFilter,
  RequestHeadersInit,
  ViewerConfig,
} from '../../session/viewer-config.js';
import type { CbViewport } from '../viewport/viewport.js';
import type { ViewerCell } from '../../session/viewer-cell.js';
import type { GridHandlers } from './layout-grid.js';
import { renderBody } from './viewer-body.js';
import { MprMode } from './mpr-mode.js';
import { renderKeyImagesBar } from './key-images-bar.js';
import { PresentationStatesMenu } from './presentation-states-menu.js';
import type { SaveKeyImagesOptions } from '../../session/key-image-store.js';
import { KeyImageMarks, markOf, type KeyImage } from './key-image-marks.js';
import { CellEvents } from './cell-events.js';
import { CellRetry } from './cell-retry.js';
import { GridResizeController } from './grid-resize.js';
import { CellViews } from './physical-layout.js';
import { cellStateOf } from './cell-state.js';
import { renderToolbar } from './viewer-toolbar.js';
import { renderIdentityBanner } from './identity-banner.js';
import type { HistoryFilter } from '../../launch/launch-context.js';
import type { LaunchIdentity } from '../../launch/launch-identity.js';
import type { IdentityPolicy } from '../../session/identity-vigilance.js';
import { viewerStyles } from './viewer.styles.js';

/**
 * The embeddable viewer: a patient's imaging history, hanging protocols (screening
 * mammography, cross-sectional comparison), linked comparison of current and prior, reports,
 * and a per-instance set of services (DICOMweb client, retrieval scheduler, series cache,
 * decode workers) provided to its cells with @lit/context. Two viewers share nothing;
 * disconnecting one aborts its requests, terminates its workers and closes its cache.
 *
 * @summary The embeddable DICOM viewer: history, comparison, hanging protocols, reports.
 *
 * @attr lang - `en` or `fr`; default: the closest `[lang]` ancestor, then `<html lang>`, then English. A change re-renders.
 *
 * @fires cb-study-opened - A study is laid out: `{ studyInstanceUid, protocolId, comparedWith }`.
 * @fires cb-image-rendered - Bubbles from the viewports: a frame reached the screen.
 * @fires cb-measurement - Bubbles from the viewports: a measurement was made or deleted.
 * @fires cb-viewed - Audit: a series was first shown: `{ studyInstanceUid, seriesInstanceUid, at }`.
 * @fires cb-error - Something failed: `{ code, message, cause, status }`, never patient data.
 * @fires cb-patient-mismatch - Warning: a study or series of another patient was left out: `{ code, count }`.
 * @fires cb-identity-mismatch - A study's Patient module contradicts `identity`: `{ studyInstanceUid, traits, blocked }`, never values.
 * @fires cb-series-progress - Frames of a displayed series available so far.
 * @fires cb-series-loaded - Every frame of a displayed series is available.
 * @fires cb-series-cached - Those frames are durably in the persistent cache: `{ frames, stored }`.
 * @fires cb-series-error - Frames of a displayed series are still missing after retries: `{ seriesInstanceUid, failed, code, status, cause }`; the cell offers Retry.
 * @fires cb-voi-change - Bubbles from the viewports: the window (VOI) of a cell changed.
 * @fires cb-one-to-one-change - Bubbles from the viewports: a reader turned 1:1 on or off in a cell (the viewer then sets `oneToOne`).
 * @fires cb-series-select - Bubbles from the history panel: a study or series was chosen.
 * @fires cb-key-images-saved - The marked key images were stored as a KOS: `{ studyInstanceUid, seriesInstanceUid, sopInstanceUid, count }`.
 *
 * @csspart toolbar - The control bar.
 * @csspart history - The panel holding the study browser.
 * @csspart grid - The grid of cells.
 * @csspart cell - One cell.
 * @csspart cell-label - The view label of a cell.
 * @csspart offline - The notice shown while the server is unreachable and images come from the cache.
 * @csspart identity - The identity banner (the launch identity: strict traits, INS when qualified).
 * @csspart identity-alert - A cell's notice that its study's patient differs from `identity`.
 * @csspart key-images - The strip with the selection title and the key image buttons.
 * @csspart selection-title - The title of the KOS on screen (a manifest's, or the key images').
 * @csspart mark-key-image - The button that marks the active cell's image as a key image.
 * @csspart save-key-images - The button that saves the marked key images (STOW-RS).
 * @csspart presentation-states - The menu applying one of the study's presentation states (GSPS) to the active cell.
 *
 * @slot identity - Replaces the identity banner's content (shown while `identity` is set).
 *
 * @cssproperty --cb-viewer-background - Background colour.
 * @cssproperty --cb-viewer-color - Text colour.
 * @cssproperty --cb-viewer-muted-color - Secondary text colour.
 * @cssproperty --cb-viewer-accent-color - Pressed buttons and the active cell.
 * @cssproperty --cb-viewer-rule-color - Borders and the gaps between cells.
 * @cssproperty --cb-viewer-cell-background - Behind images.
 * @cssproperty --cb-viewer-focus-color - Focus ring colour.
 * @cssproperty --cb-viewer-prior-color - The "prior" mark in cell labels.
 * @cssproperty --cb-viewer-font - Font.
 * @cssproperty --cb-viewer-offline-background - Background of the offline notice.
 * @cssproperty --cb-viewer-offline-color - Text colour of the offline notice.
 * @cssproperty --cb-viewer-identity-alert-color - Outline and background of identity mismatch notices.
 */
export class CbViewer extends LitElement implements ViewerConfig {
  static override styles = viewerStyles;
  private readonly language = new LanguageController(this);

  /** DICOMweb root (QIDO-RS and WADO-RS), e.g. `/dicom-web`. */
  @property() server = '';
  @property({ attribute: 'patient-id' }) patientId = '';
  /** Issuer of Patient ID, HL7 HD form `namespace&universalId&type` or just the namespace. */
  @property() issuer = '';
  /** One or more Study Instance UIDs, space-separated; the first is opened. */
  @property() study = '';
  @property({ attribute: 'accession-number' }) accessionNumber = '';
  /** `auto` (the protocol's grid), or `RxC` such as `1x2`, `2x2`. */
  @property() layout = 'auto';
  /** A hanging protocol id, or `auto`. */
  @property() protocol = 'auto';
  /**
   * `auto` (default): priors hang where the protocol lays them out without needing them
   * (screening mammography: last round above today's views); `prior`: also the protocols that
   * need one (the CT/MR prior beside the current study); `none`: the current study alone.
   */
  @property() compare: 'auto' | 'none' | 'prior' = 'auto';
  /**
   * Every image cell in 1:1 mode: one acquired pixel per device pixel, each view from its chest
   * wall (mammography), zoom/pan links kept. The toolbar's 1:1 button and X in a cell toggle it.
   */
  @property({ type: Boolean, reflect: true, attribute: 'one-to-one' }) oneToOne = false;
  /** Frames asked in a lossy syntax, for fewer bytes (not for diagnosis: every image says so). */
  @property({ type: Boolean, reflect: true }) lossy = false;
  /** `persistent` (IndexedDB, default), `memory`, or `none`. */
  @property() cache: CacheMode = 'persistent';
  @property({ reflect: true }) theme: 'dark' | 'light' = 'dark';
  /** Headers added to every DICOMweb request (a function is called per request). */
  @property({ attribute: false }) requestHeaders: RequestHeadersInit | undefined = undefined;
  /** Replaces `fetch` for every DICOMweb request (proxies, counting, auth). */
  @property({ attribute: false }) fetch: typeof globalThis.fetch | undefined = undefined;
  /** Called once when the server answers 401; the request is retried once. */
  @property({ attribute: false }) refreshToken: (() => Promise<void>) | undefined = undefined;
  /** Origins besides `server`'s that get `requestHeaders`, `fetch` and `refreshToken`. */
  @property({ attribute: false }) trustedOrigins: readonly string[] = [];
  /** Origins a server's response may point to (bulk data), fetched with no credential at all. */
  @property({ attribute: false }) anonymousOrigins: readonly string[] = [];
  /** Non-extractable AES-GCM key from the user's session: every cached record is sealed with it. */
  @property({ attribute: false }) cacheKey: CryptoKey | undefined = undefined;
  /** The signed-in user (from the host's session): another scope never sees these records. */
  @property({ attribute: false }) cacheScope: string | undefined = undefined;
  /**
   * Bytes of decoded images the viewer keeps in memory, for all its cells together; what it
   * drops is decoded again from the compressed copy. Default: from `navigator.deviceMemory`
   * (an eighth of it, 64 MiB–1 GiB).
   */
  @property({ type: Number, attribute: 'memory-budget' }) memoryBudget: number | undefined =
    undefined;
  /**
   * Bytes the background prefetch of the patient's other studies may fetch (newest first, at the
   * lowest priority, into the cache); 0 turns it off. Default 256 MiB.
   */
  @property({ type: Number, attribute: 'prefetch-budget' }) prefetchBudget =
    DEFAULT_PREFETCH_BUDGET;
  /** Host protocols, tried before the built-in ones. */
  @property({ attribute: false }) protocols: readonly HangingProtocol[] = [];
  /**
   * Which part of the history to list (IID's PATIENT filters: `lowerDateTime`, `upperDateTime`,
   * `modalities`, `mostRecent`); the studies named by `study` / `accession-number` always stay.
   */
  @property({ attribute: false }) historyFilter: HistoryFilter | undefined = undefined;
  /**
   * Who the launch says the patient is (`applyLaunchContext` sets it): shown in the identity
   * banner, and every opened study's Patient module is compared with it.
   */
  @property({ attribute: false }) identity: LaunchIdentity | undefined = undefined;
  /** A study contradicting `identity`: `warn` marks its cells, `block` shows none of its images. */
  @property({ attribute: 'identity-policy' }) identityPolicy: IdentityPolicy = 'warn';
  /**
   * A Key Object Selection (KOS) manifest to open, as a data set the host holds (`parseDicom`,
   * `datasetFromDicomJson`): exactly the instances it selects are shown, each series from the
   * DICOMweb source its Retrieve URL names (under `trustedOrigins` / `anonymousOrigins`).
   */
  @property({ attribute: false }) manifest: DicomDataset | undefined = undefined;
  /** The same, as the URL of a Part 10 KOS file (fetched under the same origin rules). */
  @property({ attribute: 'manifest-url' }) manifestUrl = '';
  /** The same, as the SOP Instance UID of a KOS held by `server`. */
  @property({ attribute: 'manifest-uid' }) manifestUid = '';
  /** Only the images the current study's KOS select (IHE IID `keyImagesOnly`); all when none do. */
  @property({ type: Boolean, attribute: 'key-images-only' }) keyImagesOnly = false;
  /** `auto`: a server-rendered preview (WADO-RS /rendered) first, labelled, where offered; `off`: none. */
  @property({ attribute: 'rendered-preview' }) renderedPreview: 'auto' | 'off' = 'auto';

  @state() private historyOpen = true;
  @state() private activeCellId: number | undefined;
  private readonly mpr = new MprMode(this);

  private readonly sessions = new ViewerSessionController(this, {
    beforeLayout: () => {
      this.views.clear();
    },
    afterLayout: () => {
      this.measure();
      this.mpr.hung(this.sessions.session?.protocolId, this.protocols);
    },
    newSession: () => {
      this.cellEvents.reset();
      this.keyImageMarks.clear();
    },
  });
  private readonly keyImageMarks = new KeyImageMarks(this, {
    shownImage: () => {
      const cell = this.activeCell();
      const shown = cell ? this.viewportOf(cell.id)?.currentImage?.image : undefined;
      return cell && shown ? markOf(shown, cell) : undefined;
    },
    store: (marks, options) => this.sessions.saveKeyImages(marks, options),
  });
  private readonly presentationStates = new PresentationStatesMenu(this, {
    services: () => this.sessions.services,
    cell: () => this.activeCell(),
    viewportOf: (cellId) => this.viewportOf(cellId),
  });
  private readonly cellEvents = new CellEvents({
    target: this,
    cells: () => this.sessions.session?.grid.cells ?? [],
    viewportOf: (cellId) => this.viewportOf(cellId),
    requestUpdate: () => {
      this.requestUpdate();
    },
    remeasure: (cell) => {
      if (this.views.isDefault(cell)) this.measure();
    },
  });
  private readonly views = new CellViews();
  private readonly cellRetry = new CellRetry(this, {
    session: () => this.sessions.session,
    viewportOf: (cellId) => this.viewportOf(cellId),
    settle: (work) => {
      this.sessions.settle(work);
    },
  });

  constructor() {
    super();
    this.addController(new GridResizeController(this, this.measure.bind(this)));
  }

  /** Resolves when the current opening (history, layout, cell contents) has settled. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.sessions.settled;
    return super.getUpdateComplete();
  }

  /** This instance's services (undefined while disconnected). @internal */
  get viewerServices(): ViewerServices | undefined {
    return this.sessions.services;
  }

  /** The displayed state as data, one entry per cell (row and column zero-based). */
  getLayout(): ViewerCellState[] {
    return (this.sessions.session?.grid.cells ?? []).map((cell) =>
      cellStateOf(cell, this.viewportOf(cell.id)),
    );
  }

  /** Restores a state from `getLayout()` (the series must belong to the open patient). */
  async setLayout(states: readonly ViewerCellState[]): Promise<void> {
    await this.sessions.restore(states);
  }

  /** Deletes cached series: this patient's (or the one named) or, without a filter, everything. */
  async clearCache(filter: ClearCacheFilter = {}): Promise<void> {
    try {
      await this.sessions.clearCache(filter);
    } catch (error) {
      this.dispatchEvent(new ViewerErrorEvent('cache', error));
      throw error;
    }
  }

  /** The images marked as key images so far (UIDs, 0-based frame), not yet saved. */
  get keyImages(): readonly KeyImage[] {
    return this.keyImageMarks.list();
  }

  /** Marks (or unmarks) the active cell's image: true when marked now. Also K and the toolbar. */
  markKeyImage(): boolean {
    return this.keyImageMarks.toggle();
  }

  /**
   * Stores the marked images as a KOS titled (113000, DCM, "Of Interest") on `server` with STOW-RS,
   * then fires `cb-key-images-saved` and clears them; on failure fires `cb-error` (`key-images`).
   */
  saveKeyImages(options: SaveKeyImagesOptions = {}): Promise<DicomDataset> {
    return this.keyImageMarks.save(options);
  }

  protected override render(): TemplateResult {
    const locale = this.language.locale;
    const strings = stringsFor(locale).viewer;
    const identityStrings = stringsFor(locale).identity;
    const session = this.sessions.session;
    const cells = session?.grid.cells ?? [];
    const handlers: GridHandlers = {
      view: (cell) => this.views.viewOf(cell),
      oneToOne: this.oneToOne,
      voi: (cell) =>
        cell.voi ? { windowCenter: cell.voi.center, windowWidth: cell.voi.width } : undefined,
      activate: (cell) => (this.activeCellId = cell.id),
      drop: (cell, study, series) => {
        this.sessions.place(cell.id, study, series);
      },
      retry: (cell) => {
        this.cellRetry.retry(cell.id);
      },
    };
    return html`${renderToolbar({
      strings,
      historyOpen: this.historyOpen,
      layout: this.layout,
      view: this.sessions.view,
      showView: session?.hasPrior ?? false,
      toggles: this.cellEvents.sync.toggles,
      onHistory: () => (this.historyOpen = !this.historyOpen),
      onLayout: (layout) => (this.layout = layout),
      onView: (view) => {
        this.compare = 'prior';
        this.sessions.view = view;
      },
      onToggle: (kind) => {
        this.cellEvents.sync.toggles = {
          ...this.cellEvents.sync.toggles,
          [kind]: !this.cellEvents.sync.toggles[kind],
        };
        this.requestUpdate();
      },
      onReset: () => {
        this.cellEvents.resetViews(() => {
          this.views.clear();
          this.measure();
        });
      },
      registering: this.cellEvents.registering,
      onRegister: () => {
        this.cellEvents.toggleRegistering();
      },
      oneToOne: this.oneToOne,
      onOneToOne: () => (this.oneToOne = !this.oneToOne),
      mpr: this.mpr.toolbar(cells, this.activeCellId),
    })}
    ${renderIdentityBanner(this.identity, identityStrings)}
    ${renderKeyImagesBar({
      locale,
      title: session?.selection?.title?.meaning,
      marked: this.keyImageMarks.count,
      activeMarked: this.keyImageMarks.activeMarked(),
      saving: this.keyImageMarks.saving,
      onMark: () => {
        this.markKeyImage();
      },
      onSave: () => {
        this.saveKeyImages().catch(() => undefined);
      },
    })}
    ${this.presentationStates.render(locale)}
    ${renderBody({
      locale,
      strings,
      identityStrings,
      session,
      historyOpen: this.historyOpen,
      activeCellId: this.activeCellId,
      handlers,
      cellEvents: this.cellEvents,
      onSelect: ({ detail }) => {
        const { studyInstanceUid, seriesInstanceUid } = detail;
        this.sessions.selectFromHistory(studyInstanceUid, seriesInstanceUid, this.activeCellId);
      },
      onOneToOne: (oneToOne) => (this.oneToOne = oneToOne),
      mpr: this.mpr.render(cells),
    })}`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('oneToOne')) this.cellEvents.viewsReplaced();
  }

  /** Cell size changed or images arrived: resolve physical scale groups and alignment again. */
  private measure(): void {
    const session = this.sessions.session;
    const grid = this.renderRoot.querySelector('.grid');
    if (!session || !grid) return;
    this.views.measure(session.grid, grid.getBoundingClientRect());
    this.requestUpdate();
  }

  private activeCell(): ViewerCell | undefined {
    const cells = this.sessions.session?.grid.cells ?? [];
    return cells.find((item) => item.id === this.activeCellId) ?? cells[0];
  }

  private viewportOf(cellId: number): CbViewport | undefined {
    return (
      this.renderRoot.querySelector<CbViewport>(`cb-viewport[data-cell-id="${String(cellId)}"]`) ??
      undefined
    );
  }
}
