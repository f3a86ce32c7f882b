/**
 * What the reading list shows around the viewer: where the reader is (case n / N, read or not,
 * in text), the step, the keys, and why a case shows no images.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ScreeningReadingStrings } from '../../i18n/strings.js';
import type { CaseResolution } from '../../session/reading-list.js';

export interface ReadingListHeaderInput {
  readonly strings: ScreeningReadingStrings;
  readonly index: number;
  readonly count: number;
  readonly read: ReadonlySet<number>;
  readonly stepText: string;
}

export function readingListHeader(input: ReadingListHeaderInput): TemplateResult {
  const { strings, index, count, read } = input;
  return html`<header part="header">
    <h2 part="progress" role="status" aria-live="polite">
      ${count === 0 ? strings.empty : strings.progress(index + 1, count, read.size)}
    </h2>
    <p part="step" class="step" aria-live="polite">${input.stepText}</p>
    <p part="keys" class="keys" id="reading-keys">${strings.keys}</p>
    <ol part="cases" class="cases" aria-label=${strings.list}>
      ${Array.from(
        { length: count },
        (_, at) =>
          html`<li
            aria-current=${at === index ? 'true' : 'false'}
            data-state=${read.has(at) ? 'read' : 'unread'}
          >
            ${strings.caseLabel(at + 1)}:
            ${read.has(at) ? strings.read : strings.unread}${
              at === index ? html` (${strings.current})` : nothing
            }
          </li>`,
      )}
    </ol>
  </header>`;
}

/** Why the case on screen has no images, or nothing when it resolved to a study. */
export function caseNotice(
  resolution: CaseResolution | undefined,
  strings: ScreeningReadingStrings,
): TemplateResult | typeof nothing {
  if (resolution === undefined)
    return html`<p class="notice" part="notice" role="status">${strings.resolving}</p>`;
  const text = {
    resolved: undefined,
    unknown: strings.unknown,
    ambiguous: resolution.status === 'ambiguous' ? strings.ambiguous(resolution.count) : '',
    invalid: strings.invalid,
    failed: strings.failed,
  }[resolution.status];
  return text === undefined
    ? nothing
    : html`<p class="notice" part="notice" role="alert" data-status=${resolution.status}>
        ${text}
      </p>`;
}
