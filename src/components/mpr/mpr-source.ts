/**
 * Where `<cb-mpr>`'s volume comes from: the data sets a host (or `<cb-viewer>`) gave it, or a
 * series named by server, study and series. Each opening has its own AbortSignal; a new one
 * (or the element leaving the page) stops the previous volume's worker.
 */
import { createViewerServices, type ViewerServices } from '../../context/viewer-services.js';
import { defaultFrameLoader, type FrameLoader } from '../../context/frame-loader.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import {
  openMprVolume,
  seriesDatasets,
  volumeFailureMessage,
  volumeFailureReason,
  type MprVolume,
} from '../../session/mpr-volume.js';

export interface MprSourceInput {
  readonly stack: readonly DicomDataset[];
  readonly server: string;
  readonly study: string;
  readonly series: string;
  /** The host's loader, else the viewer's (context), else the services made for `server`. */
  readonly frameLoader: FrameLoader | undefined;
  /** The enclosing viewer's services, when inside one. */
  readonly services: ViewerServices | undefined;
  readonly maxVolumeBytes: number | undefined;
}

export type MprSourceState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'opening' }
  | { readonly kind: 'open'; readonly volume: MprVolume }
  | { readonly kind: 'failed'; readonly reason: string; readonly message: string };

export interface MprSourceCallbacks {
  /** The state changed (render again). */
  changed(): void;
  /** A slice arrived in the open volume. */
  slice(): void;
  failed(reason: string, message: string): void;
}

export class MprSource {
  #state: MprSourceState = { kind: 'idle' };
  #controller: AbortController | undefined;
  /** Services this element made for `server` (outside a viewer); disposed with it. */
  #own: ViewerServices | undefined;

  constructor(private readonly callbacks: MprSourceCallbacks) {}

  get state(): MprSourceState {
    return this.#state;
  }

  get volume(): MprVolume | undefined {
    return this.#state.kind === 'open' ? this.#state.volume : undefined;
  }

  open(input: MprSourceInput): void {
    this.close();
    const named = input.server !== '' && input.study !== '' && input.series !== '';
    if (input.stack.length === 0 && !named) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.#set({ kind: 'opening' });
    void this.#open(input, controller.signal).then(
      (volume) => {
        if (controller.signal.aborted) volume.dispose();
        else this.#set({ kind: 'open', volume });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const reason = volumeFailureReason(error);
        const message = volumeFailureMessage(error);
        this.#set({ kind: 'failed', reason, message });
        this.callbacks.failed(reason, message);
      },
    );
  }

  close(): void {
    this.#controller?.abort(new DOMException('MPR closed', 'AbortError'));
    this.#controller = undefined;
    this.volume?.dispose();
    void this.#own?.dispose();
    this.#own = undefined;
    this.#state = { kind: 'idle' };
  }

  async #open(input: MprSourceInput, signal: AbortSignal): Promise<MprVolume> {
    let datasets = input.stack;
    let loader = input.frameLoader ?? input.services?.frameLoader;
    if (datasets.length === 0) {
      let services = input.services;
      if (!services || services.server !== input.server) {
        this.#own = createViewerServices({ server: input.server, cacheMode: 'memory' });
        services = this.#own;
      }
      loader = input.frameLoader ?? services.frameLoader;
      datasets = await seriesDatasets(services, input.study, input.series, signal);
    }
    return openMprVolume(datasets, loader ?? defaultFrameLoader, {
      signal,
      maxVolumeBytes: input.maxVolumeBytes,
      onSlice: () => {
        if (!signal.aborted) this.callbacks.slice();
      },
    });
  }

  #set(state: MprSourceState): void {
    this.#state = state;
    this.callbacks.changed();
  }
}
