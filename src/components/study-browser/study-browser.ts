import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { formatDicomDate, formatNumber, resolveLocale } from '../../i18n/locale.js';
import type { Locale } from '../../i18n/strings.js';
import { SeriesSelectEvent } from '../../events/series-select.js';
import { studyBrowserStyles } from './study-browser.styles.js';

/** One series line of the browser (from QIDO-RS series results). */
export interface SeriesListEntry {
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly seriesDescription?: string | undefined;
  readonly instanceCount?: number | undefined;
}

/** One study of the patient's history (from QIDO-RS study results). */
export interface StudyListEntry {
  readonly studyInstanceUid: string;
  readonly studyDate?: string | undefined;
  readonly studyDescription?: string | undefined;
  readonly modalities: readonly string[];
  readonly series: readonly SeriesListEntry[];
  /** Background prefetch into the cache: frames stored so far / frames of the study. */
  readonly prefetch?: { readonly loaded: number; readonly total: number } | undefined;
}

const STRINGS = {
  en: {
    label: 'Imaging history',
    empty: 'No studies',
    series: 'series',
    image: 'image',
    images: 'images',
    undated: 'Undated',
    prefetch: 'Stored for offline viewing',
  },
  fr: {
    label: 'Historique d’imagerie',
    empty: 'Aucun examen',
    series: 'séries',
    image: 'image',
    images: 'images',
    undated: 'Sans date',
    prefetch: 'Mis en cache pour consultation',
  },
} as const;

/**
 * The patient's imaging history: studies newest first, the current one marked, each with its
 * series. Choosing a study or series fires `cb-series-select`; a series can also be dragged into
 * a cell (`application/x-courbaril-series` JSON `{ studyInstanceUid, seriesInstanceUid }`).
 * Every entry is a native button: keyboard operable and labelled.
 *
 * @summary A list of the patient's studies and series.
 *
 * @fires cb-series-select - A study or series was chosen: `{ studyInstanceUid, seriesInstanceUid }`.
 *
 * @csspart study - One study entry.
 *
 * @cssproperty --cb-study-browser-background - Background colour.
 * @cssproperty --cb-study-browser-color - Text colour.
 * @cssproperty --cb-study-browser-muted-color - Secondary text colour.
 * @cssproperty --cb-study-browser-current-color - Marker of the current study.
 * @cssproperty --cb-study-browser-focus-color - Focus ring colour.
 * @cssproperty --cb-study-browser-hover-background - Hover background.
 * @cssproperty --cb-study-browser-rule-color - Separator colour.
 * @cssproperty --cb-study-browser-font - Font.
 */
export class CbStudyBrowser extends LitElement {
  static override styles = studyBrowserStyles;

  @property({ attribute: false }) studies: readonly StudyListEntry[] = [];
  /** A small image per series (Series Instance UID → canvas), drawn by the viewer in the background. */
  @property({ attribute: false }) thumbnails: ReadonlyMap<string, HTMLCanvasElement> = new Map();
  /** Study Instance UID of the study on screen. */
  @property() current: string | undefined;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  protected override render(): TemplateResult {
    const locale = resolveLocale(this);
    const strings = STRINGS[locale];
    const studies = [...this.studies].sort((a, b) =>
      (b.studyDate ?? '').localeCompare(a.studyDate ?? ''),
    );
    if (studies.length === 0) return html`<p role="status">${strings.empty}</p>`;
    return html`<nav aria-label=${strings.label}>
      <ol>
        ${studies.map((study) => this.renderStudy(study, locale))}
      </ol>
    </nav>`;
  }

  private renderStudy(study: StudyListEntry, locale: Locale): TemplateResult {
    const strings = STRINGS[locale];
    const date =
      study.studyDate === undefined ? strings.undated : formatDicomDate(locale, study.studyDate);
    const isCurrent = study.studyInstanceUid === this.current;
    // CLDR plural rules: "1 image" in both languages, and French "0 image" too.
    const plural = new Intl.PluralRules(locale);
    const images = (n: number): string =>
      `${formatNumber(locale, n)} ${plural.select(n) === 'one' ? strings.image : strings.images}`;
    return html`<li part="study" class="study" aria-current=${isCurrent ? 'true' : nothing}>
      <button
        type="button"
        @click=${() => {
          this.choose(study.studyInstanceUid, undefined);
        }}
      >
        <span class="date">${date}</span> ${study.modalities.join(', ')}
        <span class="muted"
          >${study.studyDescription ?? ''} · ${formatNumber(locale, study.series.length)}
          ${strings.series}</span
        >
      </button>
      ${
        study.prefetch === undefined || study.prefetch.total === 0
          ? nothing
          : html`<progress
              class="prefetch"
              aria-label=${strings.prefetch}
              max=${study.prefetch.total}
              .value=${study.prefetch.loaded}
            ></progress>`
      }
      <ul class="series">
        ${study.series.map(
          (series) =>
            html`<li>
              <button
                type="button"
                draggable="true"
                @click=${() => {
                  this.choose(study.studyInstanceUid, series.seriesInstanceUid);
                }}
                @dragstart=${(event: DragEvent) => {
                  event.dataTransfer?.setData(
                    'application/x-courbaril-series',
                    JSON.stringify({
                      studyInstanceUid: study.studyInstanceUid,
                      seriesInstanceUid: series.seriesInstanceUid,
                    }),
                  );
                }}
              >
                ${this.thumbnails.get(series.seriesInstanceUid) ?? nothing} ${series.modality}
                ${series.seriesDescription ?? ''}
                ${
                  series.instanceCount === undefined
                    ? nothing
                    : html`<span class="muted">(${images(series.instanceCount)})</span>`
                }
              </button>
            </li>`,
        )}
      </ul>
    </li>`;
  }

  private choose(studyInstanceUid: string, seriesInstanceUid: string | undefined): void {
    this.dispatchEvent(new SeriesSelectEvent({ studyInstanceUid, seriesInstanceUid }));
  }
}
