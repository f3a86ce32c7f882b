import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import { resolveLocale } from '../../i18n/locale.js';
import {
  trustedScriptUrl,
  TrustedTypesPolicyError,
  type ScriptUrl,
} from '../../internal/trusted-script-url.js';
import { encapsulatedPdfOf } from '../../dicom/encapsulated-pdf.js';
import { reportStringsFor } from './report-strings.js';
import { pdfReportStyles } from './pdf-report.styles.js';

/**
 * Shows an Encapsulated PDF instance (PS3.3 A.45.1) inline through the browser's PDF viewer, from
 * a Blob URL made of the Encapsulated Document bytes, with a download link for browsers that do
 * not display PDFs inline (mobile, PDF viewer disabled). The Blob URL is revoked when the
 * element leaves the document or the instance changes, so the bytes can be freed.
 *
 * Content-Security-Policy: the page must allow `object-src blob:` (the PDF is an `<object>`);
 * a policy without it shows the fallback text and the download link instead.
 *
 * @summary An Encapsulated PDF document, inline with a download link.
 *
 * @csspart document - The `<object>` showing the PDF.
 * @csspart download - The download link.
 *
 * @cssproperty --cb-report-background - Background colour.
 * @cssproperty --cb-report-color - Text colour.
 * @cssproperty --cb-report-link-color - Download link colour.
 * @cssproperty --cb-report-focus-color - Focus ring colour.
 * @cssproperty --cb-report-font - Font.
 */
export class CbPdfReport extends LitElement {
  static override styles = pdfReportStyles;

  /** The Encapsulated PDF instance (its Encapsulated Document bytes must be loaded). */
  @property({ attribute: false }) instance: DicomDataset | undefined;

  @state() private objectUrl: string | undefined;
  /** `objectUrl` as `<object data>` accepts it on this page (a TrustedScriptURL under Trusted Types). */
  private documentData: ScriptUrl | undefined;
  private documentTitle: string | undefined;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** The Blob URL on screen (undefined when there is no PDF or the element is detached). */
  get documentUrl(): string | undefined {
    return this.objectUrl;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a disconnect revoked the URL: make a new one.
    this.requestUpdate('instance');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.revoke();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('instance') || !this.isConnected) return;
    this.revoke();
    const pdf = this.instance === undefined ? undefined : encapsulatedPdfOf(this.instance);
    if (pdf === undefined) return;
    // A copy: the Blob must not keep the whole parsed file alive through a subarray view.
    const blob = new Blob([pdf.bytes.slice()], { type: 'application/pdf' });
    this.objectUrl = URL.createObjectURL(blob);
    this.documentTitle = pdf.title;
    try {
      // `<object data>` is a Trusted Types sink: under require-trusted-types-for 'script' it
      // takes only a TrustedScriptURL (made once, so re-renders do not reload the document).
      this.documentData = trustedScriptUrl(this.objectUrl);
    } catch (error) {
      // A page refusing our policy still gets the download link.
      if (!(error instanceof TrustedTypesPolicyError)) throw error;
    }
  }

  protected override render(): TemplateResult {
    const strings = reportStringsFor(resolveLocale(this));
    const url = this.objectUrl;
    if (url === undefined) {
      return html`<p role="status">
        ${this.instance === undefined ? strings.noReport : strings.notAPdf}
      </p>`;
    }
    const label = this.documentTitle ?? strings.pdfDocument;
    const download = html`<a part="download" href=${url} download="document.pdf"
      >${strings.downloadPdf}</a
    >`;
    if (this.documentData === undefined) return html`<div class="toolbar">${download}</div>`;
    return html`<div class="toolbar">${download}</div>
      <object part="document" data=${this.documentData} type="application/pdf" aria-label=${label}>
        <p>${strings.pdfFallback}</p>
      </object>`;
  }

  private revoke(): void {
    if (this.objectUrl !== undefined) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = undefined;
    this.documentTitle = undefined;
    this.documentData = undefined;
  }
}
