import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import { resolveLocale } from '../../i18n/locale.js';
import type { Locale } from '../../i18n/strings.js';
import { reportStringsFor, type ReportStrings } from './report-strings.js';
import {
  isStructuredReport,
  readStructuredReport,
  type SrContentItem,
} from '../../dicom/sr-document.js';
import { formatDicomDate, formatDicomTime, formatSrValue } from './sr-value-format.js';
import { formatPersonName } from '../../dicom/person-name.js';
import { srReportStyles } from './sr-report.styles.js';

const OBSERVATION_CONTEXT = 'HAS OBS CONTEXT';
const CONCEPT_MODIFIER = 'HAS CONCEPT MOD';

/**
 * Renders a Structured Report (Basic, Enhanced or Comprehensive SR, PS3.3 A.35) as a readable
 * document: CONTAINER items become nested sections with headings, other items name/value pairs
 * (TEXT, CODE meanings, NUM with its value and unit meaning, dates, names, UIDs, references),
 * observation context in its own block. All DICOM text is bound as text, never as HTML.
 *
 * @summary A DICOM Structured Report as a readable report.
 *
 * @csspart report - The article holding the whole report.
 * @csspart title - The document title (the root container's concept name).
 * @csspart omitted - The notice that content nested too deeply was left out.
 *
 * @cssproperty --cb-report-background - Background colour.
 * @cssproperty --cb-report-color - Text colour.
 * @cssproperty --cb-report-heading-color - Heading colour.
 * @cssproperty --cb-report-muted-color - Colour of names, status and context.
 * @cssproperty --cb-report-rule-color - Rule beside observation context.
 * @cssproperty --cb-report-font - Font.
 * @cssproperty --cb-report-padding - Padding.
 * @cssproperty --cb-report-indent - Indent of nested sections.
 */
export class CbSrReport extends LitElement {
  static override styles = srReportStyles;

  /** The SR instance (Part 10 or DICOM JSON). */
  @property({ attribute: false }) instance: DicomDataset | undefined;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A move may change the closest [lang] ancestor.
    this.requestUpdate();
  }

  protected override render(): TemplateResult {
    const locale = resolveLocale(this);
    const strings = reportStringsFor(locale);
    const dataset = this.instance;
    if (dataset === undefined || !isStructuredReport(dataset)) {
      return html`<p role="status">${strings.noReport}</p>`;
    }
    const report = readStructuredReport(dataset);
    const title = report.title?.meaning ?? strings.structuredReport;
    const status = [
      report.completionFlag === 'COMPLETE' || report.completionFlag === 'PARTIAL'
        ? strings.completion[report.completionFlag]
        : undefined,
      report.verificationFlag === 'VERIFIED' || report.verificationFlag === 'UNVERIFIED'
        ? strings.verification[report.verificationFlag]
        : undefined,
    ].filter((text) => text !== undefined);
    const date =
      report.contentDate === undefined ? '' : formatDicomDate(locale, report.contentDate);
    const time = report.contentTime === undefined ? '' : formatDicomTime(report.contentTime);
    return html`<article part="report" aria-label=${title}>
      <h2 part="title">${title}</h2>
      ${
        status.length > 0 || date !== ''
          ? html`<p class="status">
              ${date === '' ? nothing : html`${strings.contentDate}: ${date} ${time}`}
              ${status.length > 0 ? html`${date === '' ? '' : ' · '}${status.join(' · ')}` : nothing}
            </p>`
          : nothing
      }
      ${
        report.verifyingObservers.length > 0
          ? html`<p class="status">
              ${strings.verifiedBy}:
              ${report.verifyingObservers.map((name) => formatPersonName(name, 'given-first')).join(', ')}
            </p>`
          : nothing
      }
      ${this.renderChildren(report.root.children, 3, locale, strings)}
      ${
        report.deeperContentOmitted
          ? html`<p class="status" part="omitted" role="status">${strings.deeperContentOmitted}</p>`
          : nothing
      }
    </article>`;
  }

  private renderChildren(
    items: readonly SrContentItem[],
    level: number,
    locale: Locale,
    strings: ReportStrings,
  ): TemplateResult {
    const context = items.filter((item) => item.relationship === OBSERVATION_CONTEXT);
    const content = items.filter(
      (item) => item.relationship !== OBSERVATION_CONTEXT && item.relationship !== CONCEPT_MODIFIER,
    );
    // Consecutive named leaves share one <dl>; sections and unnamed text break the run.
    const blocks: (SrContentItem | SrContentItem[])[] = [];
    for (const item of content) {
      const last = blocks[blocks.length - 1];
      if (item.value.type !== 'CONTAINER' && item.concept !== undefined) {
        if (Array.isArray(last)) last.push(item);
        else blocks.push([item]);
      } else {
        blocks.push(item);
      }
    }
    return html`${
      context.length > 0
        ? html`<div class="context">
            <p class="context-title">${strings.observationContext}</p>
            ${this.renderPairs(context, level, locale, strings)}
          </div>`
        : nothing
    }
    ${blocks.map((block) =>
      Array.isArray(block)
        ? this.renderPairs(block, level, locale, strings)
        : block.value.type === 'CONTAINER'
          ? html`<section>
              <div class="heading" role="heading" aria-level=${Math.min(level, 6)}>
                ${this.conceptText(block)}
              </div>
              ${this.renderChildren(block.children, level + 1, locale, strings)}
            </section>`
          : html`<p>${formatSrValue(block.value, locale, strings)}</p>`,
    )}`;
  }

  private renderPairs(
    items: readonly SrContentItem[],
    level: number,
    locale: Locale,
    strings: ReportStrings,
  ): TemplateResult {
    return html`<dl>
      ${items.map(
        (item) =>
          html`<div>
            <dt>${this.conceptText(item)}</dt>
            <dd>
              <span class="value">${formatSrValue(item.value, locale, strings)}</span>
              ${
                item.children.length > 0
                  ? html`<div class="nested">
                      ${this.renderChildren(item.children, level + 1, locale, strings)}
                    </div>`
                  : nothing
              }
            </dd>
          </div>`,
      )}
    </dl>`;
  }

  /** Concept name, with concept modifiers (PS3.3 C.17.3.2.4: HAS CONCEPT MOD) in brackets. */
  private conceptText(item: SrContentItem): string {
    const modifiers = item.children
      .filter((child) => child.relationship === CONCEPT_MODIFIER)
      .map((child) => (child.value.type === 'CODE' ? child.value.code?.meaning : undefined))
      .filter((meaning) => meaning !== undefined && meaning !== '');
    const name = item.concept?.meaning ?? '';
    return modifiers.length > 0 ? `${name} (${modifiers.join(', ')})` : name;
  }
}
