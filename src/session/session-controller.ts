/**
 * The viewer's session as a Lit reactive controller of the element that owns it: it starts a
 * session when the element connects or when what to open changes (SESSION_KEYS), hangs again
 * when the layout changes (LAYOUT_KEYS), applies the live settings in place (LIVE_KEYS), and
 * ends everything when the element leaves the page. Each opening is one operation with its own
 * AbortSignal (ViewerSession): a new patient disposes the old session, a new study or layout
 * aborts the previous hang. It also provides the viewer's services to the cells (@lit/context).
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { frameLoaderContext } from '../context/frame-loader.js';
import { viewerServicesContext, type ViewerServices } from '../context/viewer-services.js';
import { StudyOpenedEvent } from '../events/study-opened.js';
import { ViewerErrorEvent } from '../events/viewer-error.js';
import { builtInProtocols } from '../hanging-protocols/built-in-protocols.js';
import type { ComparisonView } from '../hanging-protocols/hang-studies.js';
import type { ViewerCellState } from '../hanging-protocols/viewer-cell-state.js';
import {
  LAYOUT_KEYS,
  SERVICE_KEYS,
  SESSION_KEYS,
  type ClearCacheFilter,
  type ViewerConfig,
} from './viewer-config.js';
import { parseLayout } from './viewer-cell.js';
import type { ViewerSession } from './viewer-session.js';
import { clearViewerCache, startViewer } from './viewer-start.js';
import {
  storeKeyImages,
  type KeyImageMark,
  type SaveKeyImagesOptions,
  type SavedKeyImages,
} from './key-image-store.js';

export type ViewerSessionHost = ReactiveControllerHost &
  HTMLElement &
  ViewerConfig & { readonly hasUpdated: boolean };

/** What the element does around a hang (its per-cell view state lives with it). */
export interface ViewerSessionHooks {
  /** Before a grid is laid out: per-cell views (scale groups, alignment) start afresh. */
  beforeLayout(): void;
  /** A study is laid out and its cells asked for their images. */
  afterLayout(): void;
  /** A new session: series seen before are announced again (cb-viewed). */
  newSession(): void;
}

type Snapshot = ReadonlyMap<string, unknown>;

export class ViewerSessionController implements ReactiveController {
  readonly #host: ViewerSessionHost;
  readonly #hooks: ViewerSessionHooks;
  #services: ViewerServices | undefined;
  #session: ViewerSession | undefined;
  #view: ComparisonView = 'both';
  #settled: Promise<void> = Promise.resolve();
  /** The config the running session was started or hung with; undefined = none started. */
  #seen: Snapshot | undefined;
  readonly #loaderProvider: ContextProvider<typeof frameLoaderContext>;
  readonly #servicesProvider: ContextProvider<typeof viewerServicesContext>;

  constructor(host: ViewerSessionHost, hooks: ViewerSessionHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
    this.#loaderProvider = new ContextProvider(host, { context: frameLoaderContext });
    this.#servicesProvider = new ContextProvider(host, {
      context: viewerServicesContext,
      initialValue: undefined,
    });
    // Series events bubbling from the loaders reach the session: progress bars, error states.
    host.addEventListener('cb-series-progress', ({ detail }) => {
      this.#session?.progress(detail.seriesInstanceUid, detail.loaded, detail.total);
    });
    host.addEventListener('cb-series-error', ({ detail }) => {
      this.#session?.seriesFailed(detail.seriesInstanceUid, detail);
    });
  }

  get session(): ViewerSession | undefined {
    return this.#session;
  }

  get services(): ViewerServices | undefined {
    return this.#services;
  }

  /** Current and prior together, or one of them alone (the toolbar's view toggle). */
  get view(): ComparisonView {
    return this.#view;
  }

  set view(view: ComparisonView) {
    this.#view = view;
    this.#host.requestUpdate();
  }

  /** Resolves when the current opening (history, layout, cell contents) has settled. */
  get settled(): Promise<void> {
    return this.#settled;
  }

  /** Work started for the reader (a placement, a retry) that `updateComplete` waits for. */
  settle(work: Promise<void>): void {
    this.#settled = work;
  }

  hostConnected(): void {
    // Back on the page after leaving it: start again with what is set now.
    if (this.#host.hasUpdated) this.#restart();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  hostUpdated(): void {
    const now = this.#snapshot();
    const seen = this.#seen;
    const changed = (keys: readonly string[]): boolean =>
      keys.some((key) => seen?.get(key) !== now.get(key));
    if (!seen || changed(SESSION_KEYS)) this.#restart();
    else if (changed([...LAYOUT_KEYS, 'view'])) this.#rehang();
    else if (changed(['prefetchBudget'])) this.#session?.setPrefetchBudget(this.#prefetchBudget());
    this.#seen = now;
  }

  /** The history panel chose a study (opened) or a series (placed in `cellId`, else the first cell). */
  selectFromHistory(
    studyInstanceUid: string,
    seriesInstanceUid: string | undefined,
    cellId: number | undefined,
  ): void {
    if (seriesInstanceUid === undefined) {
      this.selectStudy(studyInstanceUid);
      return;
    }
    const target = cellId ?? this.session?.grid.cells[0]?.id;
    if (target !== undefined) this.place(target, studyInstanceUid, seriesInstanceUid);
  }

  /** Makes a study of the history the current one and lays it out. */
  selectStudy(studyInstanceUid: string): void {
    if (this.#session?.select(studyInstanceUid)) this.#rehang();
  }

  /** Puts a series into a cell. */
  place(cellId: number, studyInstanceUid: string, seriesInstanceUid: string): void {
    const session = this.#session;
    if (session) this.#settled = session.place(cellId, studyInstanceUid, seriesInstanceUid);
  }

  /** `setLayout()`: the given cells, as given, once the current opening has settled. */
  async restore(states: readonly ViewerCellState[]): Promise<void> {
    await this.#settled;
    const session = this.#session;
    if (!session) return;
    this.#hooks.beforeLayout();
    this.#settled = session.restore(states);
    await this.#settled;
  }

  /** Stores the marked images as a KOS on the viewer's server (STOW-RS). */
  async saveKeyImages(
    marks: readonly KeyImageMark[],
    options: SaveKeyImagesOptions,
  ): Promise<SavedKeyImages> {
    const services = this.#services;
    if (!services) throw new Error('The viewer is not connected');
    return storeKeyImages(services, this.#session?.selection, marks, options);
  }

  clearCache(filter: ClearCacheFilter): Promise<void> {
    const host = this.#host;
    return clearViewerCache(this.#services?.cache, filter, host.cacheKey, host.cacheScope);
  }

  #snapshot(): Snapshot {
    const host = this.#host;
    return new Map<string, unknown>([
      ...[...SESSION_KEYS, ...LAYOUT_KEYS].map((key) => [key, host[key]] as const),
      ['prefetchBudget', host.prefetchBudget],
      ['view', this.#view],
    ]);
  }

  /** A removed attribute leaves the property null (Lit): no prefetch then. */
  #prefetchBudget(): number {
    const bytes = this.#host.prefetchBudget as number | null;
    return bytes !== null && Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  }

  #restart(): void {
    const kept = this.#reusableServices();
    this.#stop(kept);
    this.#seen = this.#snapshot();
    if (!this.#host.isConnected) {
      void kept?.dispose();
      return;
    }
    const host = this.#host;
    const started = startViewer(
      host,
      {
        target: host,
        requestUpdate: () => {
          host.requestUpdate();
        },
      },
      kept,
    );
    if (!started) {
      void kept?.dispose();
      return;
    }
    const { services, session } = started;
    this.#services = services;
    this.#loaderProvider.setValue(services.frameLoader);
    this.#servicesProvider.setValue(services);
    this.#session = session;
    this.#view = 'both';
    this.#seen = this.#snapshot();
    this.#settled = session.open().then((opened) => (opened ? this.#hang(session) : undefined));
    host.requestUpdate();
  }

  #rehang(): void {
    const session = this.#session;
    if (!session) return;
    this.#settled = this.#settled.then(() => this.#hang(session));
  }

  async #hang(session: ViewerSession): Promise<void> {
    if (session.disposed) return;
    const host = this.#host;
    this.#hooks.beforeLayout();
    let laidOut: boolean;
    try {
      laidOut = await session.hang({
        protocols: [...host.protocols, ...builtInProtocols],
        protocol: host.protocol || 'auto',
        view: this.#view,
        grid: parseLayout(host.layout),
        compare: host.compare,
        prefetchBytes: this.#prefetchBudget(),
      });
    } catch (error) {
      host.dispatchEvent(new ViewerErrorEvent('protocol', error));
      return;
    }
    const current = session.current;
    if (!laidOut || !current || !session.isOpen()) return;
    this.#hooks.afterLayout();
    host.dispatchEvent(
      new StudyOpenedEvent({
        studyInstanceUid: current.studyInstanceUid,
        protocolId: session.protocolId,
        comparedWith: session.comparedWith,
      }),
    );
  }

  /** The running services when only what to open changed (SERVICE_KEYS as they were). */
  #reusableServices(): ViewerServices | undefined {
    const services = this.#services;
    const seen = this.#seen;
    if (!services || services.disposed || !seen || !this.#host.isConnected) return undefined;
    const now = this.#snapshot();
    return SERVICE_KEYS.every((key) => seen.get(key) === now.get(key)) ? services : undefined;
  }

  /** Ends the session; its services too, unless they are `kept` for the next one. */
  #stop(kept?: ViewerServices): void {
    this.#session?.dispose();
    this.#session = undefined;
    const services = this.#services;
    this.#services = undefined;
    if (services !== kept) void services?.dispose();
    this.#hooks.newSession();
  }
}
