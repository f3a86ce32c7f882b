import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ReadingObserver } from '../../dicom/breast-imaging-report-writer.js';
import { LanguageController } from '../../controllers/language-controller.js';
import { ReadingCaseChangeEvent } from '../../events/reading-case-change.js';
import { ReadingStepChangeEvent } from '../../events/reading-step-change.js';
import type { HangingProtocol } from '../../hanging-protocols/hanging-protocol.js';
import {
  DEFAULT_READING_STEPS,
  readingStepProtocol,
  stepLabel,
  stepPositions,
  type ReadingStep,
  type StepPosition,
} from '../../hanging-protocols/reading-steps.js';
import { stringsFor } from '../../i18n/strings.js';
import type { ReadingCase } from '../../session/reading-list.js';
import { ReadingListWork } from '../../session/reading-list-work.js';
import '../reading-form/cb-reading-form.js';
import type { CbReadingForm, ReadingSubmission } from '../reading-form/reading-form.js';
import type { RequestHeadersInit } from '../../session/viewer-config.js';
import '../viewer/cb-viewer.js';
import type { CbViewer } from '../viewer/viewer.js';
import { readingListKeyAction } from './reading-list-keys.js';
import { caseNotice, readingListHeader } from './reading-list-view.js';
import { screeningReadingStyles } from './screening-reading.styles.js';

export type { ReadingCase } from '../../session/reading-list.js';
export type { ReadingStep, ReadingStepCell } from '../../hanging-protocols/reading-steps.js';

/** The list was closed (disconnected, replaced) while a case was being resolved. */
function ignoreClosed(): void {
  // Nothing to announce: the case is no longer on screen.
}

/** The current study's four views, as the reading form lists them. */
const VIEWS_PROTOCOL = readingStepProtocol({
  id: 'form-views',
  label: '',
  cells: (['RCC', 'LCC', 'RMLO', 'LMLO'] as const).map((view) => ({ study: 'current', view })),
});

/**
 * A screening mammography reading workstation in a tag: a reading list (studies by UID or
 * accession number), each case shown step by step in a `<cb-viewer>` (by default the four current
 * views, current vs prior CC, current vs prior MLO, then each view alone at 1:1) beside a
 * `<cb-reading-form>` for the reader the host names. Keyboard first: F next step, J next case
 * (Shift goes back), listed on screen. While a case is on screen the next one is fetched into the
 * cache and decoded within the viewer's memory budget, at a priority below every frame on screen.
 *
 * @summary Screening second reading: a reading list, reading steps, the reading form.
 *
 * @attr lang - `en` or `fr`; default: the closest `[lang]` ancestor, then `<html lang>`, then English.
 *
 * @fires cb-reading-case-change - Another case is on screen: `{ index, studyInstanceUid }` (undefined when the case names no single study).
 * @fires cb-reading-step-change - Another step (or view of a one-at-a-time step) is on screen: `{ index, step, view }`.
 * @fires cb-reading-submitted - Bubbles from the form: a reading was stored (see `<cb-reading-form>`).
 *
 * @csspart header - The bar with the progress, the step, the keys and the case list.
 * @csspart progress - "Case 3 / 12 · 2 read".
 * @csspart step - The step on screen.
 * @csspart keys - The keys.
 * @csspart cases - The case list, read or unread per case in text.
 * @csspart notice - Why the case on screen shows no image (unknown study, ambiguous accession number…).
 * @csspart viewer - The `<cb-viewer>`.
 * @csspart form - The `<cb-reading-form>`.
 *
 * @cssproperty --cb-screening-background - Background colour.
 * @cssproperty --cb-screening-color - Text colour.
 * @cssproperty --cb-screening-focus-color - Focus ring colour.
 * @cssproperty --cb-screening-form-width - Width of the reading form column.
 */
export class CbScreeningReading extends LitElement {
  static override styles = screeningReadingStyles;
  private readonly language = new LanguageController(this);

  /** DICOMweb root: cases are searched, shown, prefetched and their readings stored there. */
  @property() server = '';
  /** `on` (default): a previous reading of a case stays hidden until this reader submits. */
  @property() blinding: 'on' | 'off' = 'on';
  /** The reading list: each case a Study Instance UID or an accession number. */
  @property({ attribute: false }) cases: readonly ReadingCase[] = [];
  /** The reader, as the host knows them: written in each SR's observer context only. */
  @property({ attribute: false }) reader: ReadingObserver | undefined = undefined;
  /** The reading steps (hanging protocol stages); default `DEFAULT_READING_STEPS`. */
  @property({ attribute: false }) steps: readonly ReadingStep[] = DEFAULT_READING_STEPS;
  /**
   * Headers of every DICOMweb request (e.g. Authorization): a record, or a function called at
   * each request, so a renewed bearer is used from the next request on. A new value starts the
   * list again (its cases resolved anew, "read" forgotten); a function need never change.
   */
  @property({ attribute: false }) requestHeaders: RequestHeadersInit | undefined = undefined;
  /**
   * Called once when the server answers 401 (the request is then retried once), by the list, the
   * viewer and the form alike; read at each 401, so changing it restarts nothing.
   */
  @property({ attribute: false }) refreshToken: (() => Promise<void>) | undefined = undefined;
  /**
   * Keeps each reading instead of STOW-RS on `server` (a read-only archive): given to the form
   * (see `<cb-reading-form>`'s `store`).
   */
  @property({ attribute: false }) store:
    ((submission: ReadingSubmission) => Promise<void>) | undefined = undefined;
  /**
   * Bytes of decoded images the viewer keeps in memory (its `memory-budget`); half of it may hold
   * the next case. Default: the viewer's (an eighth of `navigator.deviceMemory`, 64 MiB–1 GiB).
   */
  @property({ type: Number, attribute: 'memory-budget' }) memoryBudget: number | undefined =
    undefined;
  /** The case on screen (0-based). */
  @property({ type: Number, reflect: true }) index = 0;

  /** Index in the steps' positions (a one-at-a-time step has one per view). */
  @state() private position = 0;
  @state() private read: ReadonlySet<number> = new Set();

  readonly #work = new ReadingListWork(
    () => {
      this.requestUpdate();
    },
    () => this.refreshToken,
  );
  #positions: StepPosition[] = stepPositions(DEFAULT_READING_STEPS);
  /** One protocol list per position, kept so the viewer sees a change only on a move. */
  #protocols: (readonly HangingProtocol[])[] = [];
  #announced: { index: number; position: number } | undefined;
  #focusForm = false;
  #prefetched: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.addEventListener('keydown', this.#onKeyDown);
    this.addEventListener('focus', this.#onFocus);
    this.addEventListener('cb-reading-submitted', () => {
      this.read = new Set([...this.read, this.index]);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    // Focused before it was defined (a page focusing `<cb-screening-reading tabindex="0">` before
    // loading the library): that focus event came before the listener.
    if (document.activeElement === this) this.#focusForm = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#work.dispose();
  }

  /**
   * Settles when the case on screen and the next one are in the cache (and decoded, within the
   * budget): what the prefetch started for the last case shown.
   * @internal
   */
  get prefetched(): Promise<void> {
    return this.#prefetched;
  }

  /** Moves to the next (or, with -1, previous) step; false at either end. */
  nextStep(by: 1 | -1 = 1): boolean {
    const next = this.position + by;
    if (next < 0 || next >= this.#positions.length) return false;
    this.position = next;
    return true;
  }

  /** Moves to the next (or previous) case; false at either end. */
  nextCase(by: 1 | -1 = 1): boolean {
    const next = this.index + by;
    if (next < 0 || next >= this.cases.length) return false;
    this.index = next;
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') || changed.has('requestHeaders') || changed.has('cases')) {
      this.#work.configure(this.server, this.requestHeaders, this.cases);
      this.read = new Set();
      this.#announced = undefined;
    }
    if (changed.has('steps')) {
      const steps = this.steps.length > 0 ? this.steps : DEFAULT_READING_STEPS;
      this.#positions = stepPositions(steps);
      this.#protocols = this.#positions.map(({ step, cell }) => {
        const item = steps[step];
        return item === undefined ? [] : [readingStepProtocol(item, cell)];
      });
      this.position = 0;
    }
    const index = Math.min(Math.max(Math.trunc(this.index) || 0, 0), this.cases.length - 1);
    if (index >= 0 && index !== this.index) this.index = index;
    if (changed.has('index') && changed.get('index') !== undefined) {
      this.position = 0;
      // Read before this render may remove the focused form (a case that names no study).
      this.#focusForm = this.matches(':focus-within');
    }
  }

  protected override updated(): void {
    const { index, position } = this;
    if (this.cases.length === 0) return;
    if (this.#announced?.index !== index) {
      this.#announced = { index, position };
      void this.#work.resolve(index).then((resolution) => {
        if (this.index !== index || !this.isConnected) return;
        this.dispatchEvent(
          new ReadingCaseChangeEvent({
            index,
            studyInstanceUid:
              resolution.status === 'resolved' ? resolution.studyInstanceUid : undefined,
          }),
        );
        this.#stepChanged();
        // No form to type in: the keys stay with the list, so the reader can move on.
        if (resolution.status !== 'resolved' && this.#focusForm) {
          this.#focusForm = false;
          this.focus();
        }
      }, ignoreClosed);
    } else if (this.#announced.position !== position) {
      this.#announced = { index, position };
      this.#stepChanged();
    }
    // The form takes Enter only once it has the case's views (its SR needs an image of the
    // study): the focus goes to it then, not before.
    const form = this.#form;
    if (this.#focusForm && form !== null && form.views.length > 0) {
      this.#focusForm = false;
      form.focus();
    } else if (this.#focusForm && document.activeElement === document.body) {
      // The focused form went with the last case: the list keeps the keys (F, J) meanwhile.
      this.focus();
    }
  }

  get #steps(): readonly ReadingStep[] {
    return this.steps.length > 0 ? this.steps : DEFAULT_READING_STEPS;
  }

  get #form(): CbReadingForm | null {
    return this.renderRoot.querySelector('cb-reading-form');
  }

  #stepChanged(): void {
    const at = this.#positions[this.position];
    const step = at === undefined ? undefined : this.#steps[at.step];
    if (at === undefined || step === undefined) return;
    this.dispatchEvent(
      new ReadingStepChangeEvent({
        index: at.step,
        step: step.id,
        view: at.cell === undefined ? undefined : step.cells[at.cell]?.view,
      }),
    );
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const target = event.composedPath()[0];
    if (
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && target.type === 'text')
    )
      return;
    const action = readingListKeyAction(event);
    if (action === undefined) return;
    event.preventDefault();
    if (action.kind === 'step') this.nextStep(action.by);
    else this.nextCase(action.by);
  };

  /**
   * The host focused the element itself (`focus()`, Tab from outside): the keys go to the case's
   * form, now or as soon as it has the case's views, so the first case needs no Tab either. A
   * focus coming back from inside (Shift+Tab out of the viewer) stays with the list.
   */
  readonly #onFocus = (event: FocusEvent): void => {
    const from = event.relatedTarget;
    if (this.shadowRoot?.activeElement != null) return;
    if (from === this || (from instanceof Node && this.contains(from))) return;
    this.#focusForm = true;
    this.requestUpdate();
  };

  /** The viewer laid out the case (its cells asked for their frames): the background work starts. */
  readonly #onStudyOpened = (): void => {
    const services = this.renderRoot.querySelector<CbViewer>('cb-viewer')?.viewerServices;
    if (services === undefined) return;
    this.#prefetched = this.#work.prefetch({
      services,
      index: this.index,
      protocols: this.#protocols.flat(),
      viewsProtocol: VIEWS_PROTOCOL,
    });
  };

  #stepText(): string {
    const strings = stringsFor(this.language.locale).screeningReading;
    const at = this.#positions[this.position];
    const step = at === undefined ? undefined : this.#steps[at.step];
    if (at === undefined || step === undefined) return '';
    const label = stepLabel(step.label, this.language.locale);
    const view = at.cell === undefined ? undefined : step.cells[at.cell]?.view;
    return strings.step(at.step + 1, this.#steps.length, view ? `${label} (${view})` : label);
  }

  protected override render(): TemplateResult {
    const locale = this.language.locale;
    const strings = stringsFor(locale).screeningReading;
    const resolution = this.cases.length > 0 ? this.#work.resolution(this.index) : undefined;
    const study = resolution?.status === 'resolved' ? resolution.studyInstanceUid : undefined;
    // The viewer stays on the page between cases (hidden while a case shows no study): its
    // services, and what they hold of the next case, live as long as it does.
    const shown = this.#shownStudy(study);
    const at = this.#positions[this.position];
    const step = at === undefined ? undefined : this.#steps[at.step];
    return html`${readingListHeader({
        strings,
        index: this.index,
        count: this.cases.length,
        read: this.read,
        stepText: this.cases.length > 0 ? this.#stepText() : '',
      })}
      <div class="stage">
        ${this.cases.length > 0 && study === undefined ? caseNotice(resolution, strings) : nothing}
        ${
          shown === undefined
            ? nothing
            : html`<cb-viewer
                part="viewer"
                ?hidden=${study === undefined}
                lang=${locale}
                server=${this.server}
                study=${shown}
                prefetch-budget="0"
                .requestHeaders=${this.requestHeaders}
                .refreshToken=${this.refreshToken}
                .memoryBudget=${this.memoryBudget}
                .protocols=${this.#protocols[this.position] ?? []}
                protocol=${this.#protocols[this.position]?.[0]?.id ?? 'auto'}
                ?one-to-one=${step?.oneToOne === true}
                @cb-study-opened=${this.#onStudyOpened}
              ></cb-viewer>`
        }
      </div>
      <aside aria-describedby="reading-keys">
        ${
          study === undefined
            ? nothing
            : html`<cb-reading-form
                part="form"
                lang=${locale}
                server=${this.server}
                study=${study}
                blinding=${this.blinding}
                .requestHeaders=${this.requestHeaders}
                .refreshToken=${this.refreshToken}
                .store=${this.store}
                .views=${this.#work.prepared(study)?.views ?? []}
                .observer=${this.reader}
              ></cb-reading-form>`
        }
      </aside>`;
  }

  #lastShown: string | undefined;

  #shownStudy(study: string | undefined): string | undefined {
    if (study !== undefined) this.#lastShown = study;
    return this.#lastShown;
  }
}
