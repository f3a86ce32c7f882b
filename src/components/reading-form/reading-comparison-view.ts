/** The double-reading comparison of `<cb-reading-form>`, shown once the reader has submitted. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ScreeningReading } from '../../dicom/breast-reading.js';
import type { ReadingFormStrings } from '../../i18n/strings.js';
import { compareReadings } from '../../screening/double-reading.js';
import { comparisonTable } from './reading-form-view.js';

export function comparisonSection(
  prior: ScreeningReading,
  current: ScreeningReading,
  strings: ReadingFormStrings,
): TemplateResult {
  const comparison = compareReadings(prior, current);
  return html`<section part="comparison" class="comparison" aria-labelledby="comparison-title">
    <h2 id="comparison-title" tabindex="-1">${strings.comparison}</h2>
    <p role="status">
      ${comparison.concordant ? strings.concordant : strings.discordant(comparison.disagreements.length)}
    </p>
    ${comparisonTable(prior, current, comparison, strings)}
    ${prior.text !== '' ? html`<p class="prior-text">${strings.prior}: ${prior.text}</p>` : nothing}
  </section>`;
}
