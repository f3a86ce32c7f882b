/** Templates of `<cb-reading-form>`: one breast's panel, the findings, the double-reading table. */
import { html, nothing, type TemplateResult } from 'lit';
import {
  ACR_CATEGORIES,
  BREAST_COMPOSITIONS,
  FINDING_TYPES,
  QUADRANTS,
  QUALITY_REASONS,
  type Breast,
  type BreastFinding,
  type ImageReference,
  type QualityReason,
  type ScreeningReading,
} from '../../dicom/breast-reading.js';
import type { ReadingFormStrings } from '../../i18n/strings.js';
import type { ReadingComparison } from '../../screening/double-reading.js';
import { REASON_KEYS } from './reading-keys.js';

/** A view of the study as the host hangs it. */
export interface ReadingView {
  readonly image: ImageReference;
  readonly breast: Breast;
  /** View Position (0018,5101), e.g. "CC", "MLO". */
  readonly viewPosition: string;
}

export interface BreastPanelInput {
  readonly breast: Breast;
  readonly focused: boolean;
  readonly reading: ScreeningReading;
  readonly views: readonly ReadingView[];
  readonly focusedView: string | undefined;
  readonly strings: ReadingFormStrings;
  readonly onAcr: (breast: Breast, acr: number) => void;
  readonly onComposition: (breast: Breast, composition: string) => void;
  readonly onReason: (sopInstanceUid: string, reason: QualityReason) => void;
}

export function breastPanel(input: BreastPanelInput): TemplateResult {
  const { breast, reading, strings } = input;
  const assessment = reading[breast];
  return html`<fieldset
    class="breast"
    part="breast"
    data-breast=${breast}
    aria-current=${input.focused ? 'true' : 'false'}
  >
    <legend>${strings.breasts[breast]} <kbd>${breast === 'right' ? 'R' : 'L'}</kbd></legend>
    <div role="radiogroup" aria-label=${strings.acr} class="choices acr">
      <span class="label" aria-hidden="true">${strings.acr}</span>
      ${ACR_CATEGORIES.map(
        (acr) =>
          html`<label
            ><input
              type="radio"
              name=${`acr-${breast}`}
              value=${acr}
              .checked=${assessment.acr === acr}
              @change=${() => {
                input.onAcr(breast, acr);
              }}
            />${strings.acrCategories[acr]}</label
          >`,
      )}
    </div>
    <div role="radiogroup" aria-label=${strings.composition} class="choices composition">
      <span class="label" aria-hidden="true">${strings.composition}</span>
      ${BREAST_COMPOSITIONS.map(
        (letter) =>
          html`<label
            ><input
              type="radio"
              name=${`composition-${breast}`}
              value=${letter}
              .checked=${assessment.composition === letter}
              @change=${() => {
                input.onComposition(breast, letter);
              }}
            />${strings.compositions[letter]}</label
          >`,
      )}
    </div>
    <fieldset class="views">
      <legend>${strings.quality}</legend>
      ${input.views.length === 0 ? html`<p>${strings.noViews}</p>` : nothing}
      ${input.views.map((view) => viewQuality(input, view))}
    </fieldset>
  </fieldset>`;
}

function viewQuality(input: BreastPanelInput, view: ReadingView): TemplateResult {
  const { strings } = input;
  const judged = input.reading.views.find(
    (item) => item.image.sopInstanceUid === view.image.sopInstanceUid,
  );
  const reasons = judged?.reasons ?? [];
  const name = `${view.breast === 'right' ? 'R' : 'L'}${view.viewPosition}`;
  const focused = input.focused && input.focusedView === view.image.sopInstanceUid;
  return html`<div
    class="view"
    data-view=${name}
    aria-current=${focused ? 'true' : 'false'}
    role="group"
    aria-label=${`${name}: ${reasons.length > 0 ? strings.insufficient : strings.adequate}`}
  >
    <span class="view-name">${name}</span>
    <span class="view-state">${reasons.length > 0 ? strings.insufficient : strings.adequate}</span>
    ${QUALITY_REASONS.map(
      (reason) =>
        html`<label
          ><input
            type="checkbox"
            data-reason=${reason}
            .checked=${reasons.includes(reason)}
            @change=${() => {
              input.onReason(view.image.sopInstanceUid, reason);
            }}
          />${strings.reasons[reason]} <kbd>${REASON_KEYS[reason]}</kbd></label
        >`,
    )}
  </div>`;
}

export interface FindingsInput {
  readonly findings: readonly BreastFinding[];
  readonly strings: ReadingFormStrings;
  readonly onChange: (index: number, finding: BreastFinding) => void;
  readonly onAdd: () => void;
  readonly onRemove: (index: number) => void;
}

export function findingsPanel(input: FindingsInput): TemplateResult {
  const { strings } = input;
  return html`<fieldset class="findings" part="findings">
    <legend>${strings.findings}</legend>
    <ol>
      ${input.findings.map((finding, index) => findingRow(input, finding, index))}
    </ol>
    <button type="button" class="add-finding" @click=${input.onAdd}>${strings.addFinding}</button>
  </fieldset>`;
}

function findingRow(input: FindingsInput, finding: BreastFinding, index: number): TemplateResult {
  const { strings } = input;
  const change = (patch: Partial<BreastFinding>): void => {
    const next = { ...finding, ...patch };
    input.onChange(index, next);
  };
  const select = (
    label: string,
    value: string,
    options: readonly (readonly [string, string])[],
    onChange: (value: string) => void,
  ): TemplateResult =>
    html`<label
      >${label}
      <select
        @change=${(event: Event) => {
          onChange((event.target as HTMLSelectElement).value);
        }}
      >
        ${options.map(
          ([key, text]) => html`<option value=${key} ?selected=${key === value}>${text}</option>`,
        )}
      </select></label
    >`;
  return html`<li class="finding">
    ${select(
      strings.findingType,
      finding.type,
      FINDING_TYPES.map((type) => [type, strings.findingTypes[type]] as const),
      (type) => {
        change({ type: type as BreastFinding['type'] });
      },
    )}
    ${select(
      strings.side,
      finding.breast,
      (['right', 'left'] as const).map((breast) => [breast, strings.breasts[breast]] as const),
      (breast) => {
        change({ breast: breast as Breast });
      },
    )}
    ${select(
      strings.quadrant,
      finding.quadrant ?? '',
      [
        ['', strings.none],
        ...QUADRANTS.map((quadrant) => [quadrant, strings.quadrants[quadrant]] as const),
      ],
      (quadrant) => {
        const { quadrant: _dropped, ...rest } = finding;
        input.onChange(
          index,
          quadrant === ''
            ? rest
            : { ...rest, quadrant: quadrant as BreastFinding['quadrant'] & string },
        );
      },
    )}
    ${select(
      strings.clock,
      finding.clock === undefined ? '' : String(finding.clock),
      [
        ['', strings.none],
        ...Array.from({ length: 12 }, (_, hour) => [String(hour + 1), `${hour + 1} h`] as const),
      ],
      (clock) => {
        const { clock: _dropped, ...rest } = finding;
        input.onChange(
          index,
          clock === ''
            ? rest
            : { ...rest, clock: Number(clock) as NonNullable<BreastFinding['clock']> },
        );
      },
    )}
    <span class="marks">${strings.marks(finding.marks.length)}</span>
    <button
      type="button"
      @click=${() => {
        input.onRemove(index);
      }}
    >
      ${strings.removeFinding}
    </button>
  </li>`;
}

/** The two readings side by side, each disagreement flagged in text (not by colour alone). */
export function comparisonTable(
  prior: ScreeningReading,
  current: ScreeningReading,
  comparison: ReadingComparison,
  strings: ReadingFormStrings,
): TemplateResult {
  const flagged = (field: string, breast?: Breast): boolean =>
    comparison.disagreements.some(
      (item) =>
        item.field === field &&
        (breast === undefined || ('breast' in item && item.breast === breast)),
    );
  const cell = (text: string | undefined): string => text ?? strings.none;
  const row = (label: string, before: string, now: string, disagree: boolean): TemplateResult =>
    html`<tr
      class=${disagree ? 'disagreement' : 'agreement'}
      data-disagreement=${disagree ? 'true' : 'false'}
    >
      <th scope="row">${label}</th>
      <td>${before}</td>
      <td>${now}</td>
      <td>${disagree ? strings.disagreement : strings.agreement}</td>
    </tr>`;
  return html`<table part="comparison-table">
    <thead>
      <tr>
        <td></td>
        <th scope="col">${strings.prior}</th>
        <th scope="col">${strings.current}</th>
        <td></td>
      </tr>
    </thead>
    <tbody>
      ${(['right', 'left'] as const).map(
        (breast) =>
          html`${row(
            `${strings.breasts[breast]} · ${strings.acr}`,
            cell(
              prior[breast].acr === undefined
                ? undefined
                : strings.acrCategories[prior[breast].acr],
            ),
            cell(
              current[breast].acr === undefined
                ? undefined
                : strings.acrCategories[current[breast].acr],
            ),
            flagged('acr', breast),
          )}
          ${row(
            `${strings.breasts[breast]} · ${strings.composition}`,
            cell(prior[breast].composition),
            cell(current[breast].composition),
            flagged('composition', breast),
          )}`,
      )}
      ${row(
        strings.outcome,
        cell(prior.outcome === undefined ? undefined : strings.outcomes[prior.outcome]),
        cell(current.outcome === undefined ? undefined : strings.outcomes[current.outcome]),
        flagged('outcome'),
      )}
    </tbody>
  </table>`;
}
