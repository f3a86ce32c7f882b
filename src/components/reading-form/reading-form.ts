import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ReadingObserver } from '../../dicom/breast-imaging-report-writer.js';
import {
  READING_OUTCOMES,
  type AcrCategory,
  type Breast,
  type BreastComposition,
  type BreastFinding,
  type FindingMark,
  type QualityReason,
  type ScreeningReading,
} from '../../dicom/breast-reading.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import { LanguageController } from '../../controllers/language-controller.js';
import { ReadingSubmittedEvent } from '../../events/reading-submitted.js';
import { priorReadingVisible } from '../../screening/double-reading.js';
import type { RequestHeadersInit } from '../../session/viewer-config.js';
import { createScreeningReadingService } from '../../session/screening-reading-store.js';
import { breastPanel, findingsPanel, type ReadingView } from './reading-form-view.js';
import { comparisonSection } from './reading-comparison-view.js';
import { OUTCOME_KEYS, readingKeyAction } from './reading-keys.js';
import {
  EMPTY,
  readingOf,
  storeReading,
  submittedDetail,
  type Draft,
  type ReadingSubmission,
} from './reading-draft.js';
import { readingFormStyles } from './reading-form.styles.js';

export type { ReadingView, ReadingSubmission };

/**
 * The screening reading form, per breast: ACR category 0–5, composition A–D, each view's technical
 * quality with its reasons, findings (type, side, quadrant, clock face, marks the host adds with
 * `addMark`), a comment and the outcome, typed with the keyboard (the keys are listed in the form).
 * Submitting writes a Breast Imaging Report (DICOM SR, TID 4200) and, when a view is technically
 * insufficient, a KOS (113001, DCM, "Rejected for Quality Reasons"), stored with STOW-RS on `server`
 * or handed to the host's `store` callback. Blinded double reading: a previous reading of the study
 * (found on `server` or given in `priorReadings`) is not rendered until the reader has submitted;
 * then both are shown side by side with the disagreements flagged. `blinding="off"` shows it at once.
 *
 * @summary Screening mammography reading form with blinded double reading.
 *
 * @attr lang - `en` or `fr`; default: the closest `[lang]` ancestor, then `<html lang>`, then English.
 *
 * @fires cb-reading-submitted - The reading was stored (or handed to `store`): UIDs and codes, no names.
 *
 * @csspart form - The form.
 * @csspart breast - One breast's panel.
 * @csspart findings - The findings.
 * @csspart comparison - The double-reading comparison (after submission).
 * @csspart comparison-table - Its table.
 *
 * @cssproperty --cb-reading-background - Background colour.
 * @cssproperty --cb-reading-color - Text colour.
 * @cssproperty --cb-reading-focus-color - Outline of the breast and view the keys apply to.
 * @cssproperty --cb-reading-disagreement-color - Marker of a disagreement.
 */
export class CbReadingForm extends LitElement {
  static override styles = readingFormStyles;
  private readonly language = new LanguageController(this);

  /** Study Instance UID of the study read. */
  @property({ attribute: 'study' }) study = '';
  /** DICOMweb root: previous readings are read from it and the new one stored on it. */
  @property() server: string | undefined;
  /**
   * Headers of the host's requests to `server` (e.g. Authorization): a record, or a function
   * called at each request (a bearer renewed without replacing anything).
   */
  @property({ attribute: false }) requestHeaders: RequestHeadersInit | undefined;
  /** Called once when `server` answers 401; the request is then retried once (as `<cb-viewer>`'s). */
  @property({ attribute: false }) refreshToken: (() => Promise<void>) | undefined;
  /** The views of the study (the viewer's current row), in reading order. */
  @property({ attribute: false }) views: readonly ReadingView[] = [];
  /** The reader, as the host knows them: written in the SR's observer context only. */
  @property({ attribute: false }) observer: ReadingObserver | undefined;
  /** An image's data set for the Patient and Study modules (read from `server` when unset). */
  @property({ attribute: false }) patientStudy: DicomDataset | undefined;
  /** Previous readings of the study given by the host (then `server` is not searched). */
  @property({ attribute: false }) priorReadings: readonly ScreeningReading[] | undefined;
  /** `on` (default): a previous reading stays hidden until this reader submits. */
  @property() blinding: 'on' | 'off' = 'on';
  /** Stores the reading instead of STOW-RS on `server`. */
  @property({ attribute: false }) store:
    ((submission: ReadingSubmission) => Promise<void>) | undefined;

  @state() private draft: Draft = EMPTY;
  @state() private focusedBreast: Breast = 'right';
  @state() private focusedView: Partial<Record<Breast, string>> = {};
  @state() private submitted: ScreeningReading | undefined;
  @state() private status: 'idle' | 'submitting' | 'submitted' | 'failed' | 'incomplete' = 'idle';
  @state() private foundPriors: readonly ScreeningReading[] = [];
  #search: AbortController | undefined;

  constructor() {
    super();
    this.addEventListener('keydown', this.#onKeyDown);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#search?.abort();
  }

  /** Attaches a mark drawn on a view to a finding (default: the last one). */
  addMark(mark: FindingMark, findingIndex = this.draft.findings.length - 1): void {
    const finding = this.draft.findings[findingIndex];
    if (finding === undefined) throw new RangeError('No finding to attach the mark to');
    this.#setFinding(findingIndex, { ...finding, marks: [...finding.marks, mark] });
  }

  /** The reading as it stands (what Submit would store). */
  get reading(): ScreeningReading {
    return readingOf(this.draft, this.views, this.study);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('study')) {
      this.draft = EMPTY;
      this.submitted = undefined;
      this.status = 'idle';
      this.focusedBreast = 'right';
      this.focusedView = {};
      this.foundPriors = [];
    }
    if ((changed.has('study') || changed.has('server')) && this.priorReadings === undefined)
      this.#findPriors();
  }

  #findPriors(): void {
    this.#search?.abort();
    if (this.server === undefined || this.study === '') return;
    const search = new AbortController();
    this.#search = search;
    const service = createScreeningReadingService({
      server: this.server,
      requestHeaders: this.requestHeaders,
      currentRefreshToken: () => this.refreshToken,
    });
    const study = this.study;
    service.findReadings(study, search.signal).then(
      (readings) => {
        if (!search.signal.aborted && study === this.study) this.foundPriors = readings;
      },
      () => {
        // No previous reading found is the same as none for the reader: the form still works.
      },
    );
  }

  get #priors(): readonly ScreeningReading[] {
    return this.priorReadings ?? this.foundPriors;
  }

  /**
   * The study and an image of it (the views, or the host's `patientStudy`) are known: the SR's
   * Patient and Study modules can be written. Until then Submit and Enter wait, said on screen
   * (a reading list gives the views once the case's metadata is in).
   */
  get #ready(): boolean {
    return this.study !== '' && (this.views.length > 0 || this.patientStudy !== undefined);
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const target = event.composedPath()[0];
    if (
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && target.type === 'text')
    )
      return;
    const action = readingKeyAction(event);
    if (action === undefined) return;
    if (action.kind === 'submit' && target instanceof HTMLButtonElement) return;
    event.preventDefault();
    const breast = this.focusedBreast;
    switch (action.kind) {
      case 'breast':
        this.focusedBreast = action.breast;
        break;
      case 'acr':
        this.#setBreast(breast, { acr: action.acr });
        break;
      case 'composition':
        this.#setBreast(breast, { composition: action.composition });
        break;
      case 'next-view': {
        const views = this.#viewsOf(breast);
        const at = views.findIndex(
          (view) => view.image.sopInstanceUid === this.#currentView(breast),
        );
        const next = views[(at + 1) % Math.max(views.length, 1)];
        if (next) this.focusedView = { ...this.focusedView, [breast]: next.image.sopInstanceUid };
        break;
      }
      case 'reason': {
        const view = this.#currentView(breast);
        if (view !== undefined) this.#toggleReason(view, action.reason);
        break;
      }
      case 'outcome':
        this.draft = { ...this.draft, outcome: action.outcome };
        break;
      case 'submit':
        void this.submit();
        break;
    }
  };

  #viewsOf(breast: Breast): readonly ReadingView[] {
    return this.views.filter((view) => view.breast === breast);
  }

  #currentView(breast: Breast): string | undefined {
    return this.focusedView[breast] ?? this.#viewsOf(breast)[0]?.image.sopInstanceUid;
  }

  #setBreast(breast: Breast, patch: { acr?: AcrCategory; composition?: BreastComposition }): void {
    this.draft = { ...this.draft, [breast]: { ...this.draft[breast], ...patch } };
    if (this.status === 'incomplete') this.status = 'idle';
  }

  #toggleReason(sopInstanceUid: string, reason: QualityReason): void {
    const known = this.draft.reasons[sopInstanceUid] ?? [];
    const reasons = known.includes(reason)
      ? known.filter((item) => item !== reason)
      : [...known, reason];
    this.draft = { ...this.draft, reasons: { ...this.draft.reasons, [sopInstanceUid]: reasons } };
  }

  #setFinding(index: number, finding: BreastFinding): void {
    this.draft = {
      ...this.draft,
      findings: this.draft.findings.map((item, at) => (at === index ? finding : item)),
    };
  }

  /** Writes and stores the reading; resolves once it is stored (or `store` resolved). */
  async submit(): Promise<void> {
    if (this.status === 'submitting' || !this.#ready) return;
    const reading = this.reading;
    if (reading.right.acr === undefined || reading.left.acr === undefined) {
      this.status = 'incomplete';
      return;
    }
    this.status = 'submitting';
    try {
      const stored = await storeReading(reading, {
        server: this.server,
        requestHeaders: this.requestHeaders,
        currentRefreshToken: () => this.refreshToken,
        views: this.views,
        patientStudy: this.patientStudy,
        observer: this.observer,
        store: this.store,
        language: this.language.locale,
      });
      this.submitted = reading;
      this.status = 'submitted';
      this.dispatchEvent(
        new ReadingSubmittedEvent(submittedDetail(reading, stored, this.#priors.at(-1))),
      );
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="comparison"] h2')?.focus();
    } catch {
      this.status = 'failed';
    }
  }

  protected override render(): TemplateResult {
    const strings = this.language.strings.readingForm;
    const reading = this.reading;
    const suggested = this.draft.outcome === undefined ? reading.outcome : undefined;
    const prior = this.#priors.at(-1);
    const showPrior =
      prior !== undefined &&
      priorReadingVisible({
        blinded: this.blinding !== 'off',
        submitted: this.submitted !== undefined,
      });
    const status = {
      idle: this.#ready ? '' : strings.waiting,
      submitting: strings.submitting,
      submitted: strings.submitted,
      failed: strings.failed,
      incomplete: strings.incomplete,
    }[this.status];
    return html`<form
      part="form"
      aria-label=${strings.form}
      aria-describedby="keys"
      @submit=${(event: Event) => {
        event.preventDefault();
      }}
    >
      <p id="keys" class="keys">${strings.keys}</p>
      <p class="focus">
        ${strings.focusedBreast}: <strong>${strings.breasts[this.focusedBreast]}</strong>
      </p>
      <div class="breasts">
        ${(['right', 'left'] as const).map((breast) =>
          breastPanel({
            breast,
            focused: breast === this.focusedBreast,
            reading,
            views: this.#viewsOf(breast),
            focusedView: this.#currentView(breast),
            strings,
            onAcr: (side, acr) => {
              this.#setBreast(side, { acr: acr as AcrCategory });
            },
            onComposition: (side, composition) => {
              this.#setBreast(side, { composition: composition as BreastComposition });
            },
            onReason: (sopInstanceUid, reason) => {
              this.#toggleReason(sopInstanceUid, reason);
            },
          }),
        )}
      </div>
      ${findingsPanel({
        findings: this.draft.findings,
        strings,
        onAdd: () => {
          this.draft = {
            ...this.draft,
            findings: [
              ...this.draft.findings,
              { type: 'mass', breast: this.focusedBreast, marks: [] },
            ],
          };
        },
        onChange: (index, finding) => {
          this.#setFinding(index, finding);
        },
        onRemove: (index) => {
          this.draft = {
            ...this.draft,
            findings: this.draft.findings.filter((_, at) => at !== index),
          };
        },
      })}
      <label class="text"
        >${strings.text}
        <textarea
          .value=${this.draft.text}
          @input=${(event: Event) => {
            this.draft = { ...this.draft, text: (event.target as HTMLTextAreaElement).value };
          }}
        ></textarea>
      </label>
      <div role="radiogroup" aria-label=${strings.outcome} class="choices outcome">
        <span class="label" aria-hidden="true">${strings.outcome}</span>
        ${READING_OUTCOMES.map(
          (outcome) =>
            html`<label
              ><input
                type="radio"
                name="outcome"
                value=${outcome}
                .checked=${reading.outcome === outcome}
                @change=${() => {
                  this.draft = { ...this.draft, outcome };
                }}
              />${strings.outcomes[outcome]} <kbd>${OUTCOME_KEYS[outcome]}</kbd>${
                suggested === outcome ? html` <em>(${strings.suggested})</em>` : nothing
              }</label
            >`,
        )}
      </div>
      <button
        type="button"
        class="submit"
        ?disabled=${this.status === 'submitting' || !this.#ready}
        @click=${() => void this.submit()}
      >
        ${strings.submit} <kbd>↵</kbd>
      </button>
      <p class="status" role="status" aria-live="polite">${status}</p>
      ${prior !== undefined && !showPrior ? html`<p class="prior-hidden">${strings.priorHidden}</p>` : nothing}
      ${showPrior ? comparisonSection(prior, this.submitted ?? reading, strings) : nothing}
    </form>`;
  }
}
