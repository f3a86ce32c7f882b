/**
 * The presentation states (GSPS, PS3.3 A.33.1) of the current study in `<cb-viewer>`: found with
 * QIDO-RS / WADO-RS when a study opens, listed for the active cell's series (Content Label,
 * Content Description, creator), and applied to its viewport (`presentationState`), or none.
 * A native <select>: keyboard accessible as it is. Labels come from the objects: text bindings.
 */
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { PresentationState } from '../../dicom/presentation-state-model.js';
import type { ViewerServices } from '../../context/viewer-services.js';
import type { Locale } from '../../i18n/strings.js';
import { findPresentationStates } from '../../session/presentation-state-store.js';
import type { CbViewport } from '../viewport/viewport.js';

const STRINGS = {
  en: { label: 'Presentation state', none: 'None (as acquired)', by: 'by' },
  fr: { label: 'État de présentation', none: 'Aucun (tel qu’acquis)', by: 'par' },
} as const;

export interface PresentationStatesMenuOptions {
  /** The viewer's services: their DICOMweb client finds the states. */
  services(): ViewerServices | undefined;
  /** The active cell: its study's states are listed for its series. */
  cell():
    | {
        readonly id: number;
        readonly studyInstanceUid: string | undefined;
        readonly seriesInstanceUid: string | undefined;
      }
    | undefined;
  viewportOf(cellId: number): CbViewport | undefined;
}

export class PresentationStatesMenu implements ReactiveController {
  #states: readonly PresentationState[] = [];
  #study: string | undefined;
  #abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PresentationStatesMenuOptions,
  ) {
    host.addController(this);
  }

  /** Every GSPS found in the current study, newest first. */
  get states(): readonly PresentationState[] {
    return this.#states;
  }

  hostUpdated(): void {
    const study = this.options.cell()?.studyInstanceUid;
    const client = this.options.services()?.client;
    if (study === this.#study) return;
    this.#study = study;
    this.#abort?.abort();
    this.#states = [];
    if (!study || !client) return;
    const abort = new AbortController();
    this.#abort = abort;
    findPresentationStates(client, study, abort.signal).then(
      (states) => {
        if (abort.signal.aborted) return;
        this.#states = states;
        this.host.requestUpdate();
      },
      // No list is no harm: the images show as their headers say.
      () => undefined,
    );
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#study = undefined;
  }

  render(locale: Locale): TemplateResult | typeof nothing {
    const cell = this.options.cell();
    const states = this.#states.filter((state) =>
      state.referencedImages.some((image) => image.seriesInstanceUid === cell?.seriesInstanceUid),
    );
    const viewport = cell ? this.options.viewportOf(cell.id) : undefined;
    if (!viewport || states.length === 0) return nothing;
    const strings = locale === 'fr' ? STRINGS.fr : STRINGS.en;
    const chosen = viewport.presentationState?.sopInstanceUid ?? '';
    const caption = (state: PresentationState): string =>
      [
        state.contentLabel,
        state.contentDescription,
        state.creatorName
          ? `${strings.by} ${state.creatorName.replace(/\^/g, ' ').trim()}`
          : undefined,
      ]
        .filter((part) => part)
        .join(' — ');
    return html`<label class="presentation-states" part="presentation-states">
      ${strings.label}
      <select
        @change=${(event: Event) => {
          const uid = (event.target as HTMLSelectElement).value;
          viewport.presentationState = states.find((state) => state.sopInstanceUid === uid);
          this.host.requestUpdate();
        }}
      >
        <option value="" ?selected=${chosen === ''}>${strings.none}</option>
        ${states.map(
          (state) =>
            html`<option value=${state.sopInstanceUid} ?selected=${chosen === state.sopInstanceUid}>
              ${caption(state)}
            </option>`,
        )}
      </select>
    </label>`;
  }
}
