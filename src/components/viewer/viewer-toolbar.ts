/** The viewer's control bar: native buttons and a select, each labelled, all keyboard operable. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ComparisonView } from '../../hanging-protocols/hang-studies.js';
import type { LinkKind, LinkToggles } from './cell-links.js';
import type { ViewerStrings } from '../../i18n/strings.js';

export interface ToolbarOptions {
  readonly strings: ViewerStrings;
  readonly historyOpen: boolean;
  readonly layout: string;
  readonly view: ComparisonView;
  readonly showView: boolean;
  readonly toggles: LinkToggles;
  readonly onHistory: () => void;
  readonly onLayout: (layout: string) => void;
  readonly onView: (view: ComparisonView) => void;
  readonly onToggle: (kind: LinkKind) => void;
  readonly onReset: () => void;
  readonly registering: boolean;
  readonly onRegister: () => void;
}

const LAYOUTS = ['auto', '1x1', '1x2', '2x1', '2x2'] as const;

export function renderToolbar(options: ToolbarOptions): TemplateResult {
  const { strings } = options;
  const views: [ComparisonView, string][] = [
    ['current', strings.viewCurrent],
    ['prior', strings.viewPrior],
    ['both', strings.viewBoth],
  ];
  const links: [LinkKind, string][] = [
    ['position', strings.linkPosition],
    ['zoomPan', strings.linkZoomPan],
    ['voi', strings.linkVoi],
  ];
  return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label=${strings.toolbarLabel}>
    <button
      type="button"
      class="history-toggle"
      aria-pressed=${options.historyOpen ? 'true' : 'false'}
      @click=${options.onHistory}
    >
      ${strings.showHistory}
    </button>
    <label
      ><span class="group-label">${strings.layout}</span>
      <select
        class="layout"
        @change=${(event: Event) => {
          options.onLayout((event.target as HTMLSelectElement).value);
        }}
      >
        ${LAYOUTS.map(
          (layout) =>
            html`<option value=${layout} ?selected=${layout === options.layout}>
              ${layout === 'auto' ? strings.layoutAuto : layout.replace('x', ' × ')}
            </option>`,
        )}
      </select></label
    >
    ${
      options.showView
        ? html`<div role="group" class="view" aria-label=${strings.view}>
            ${views.map(
              ([view, label]) =>
                html`<button
                  type="button"
                  data-view=${view}
                  aria-pressed=${options.view === view ? 'true' : 'false'}
                  @click=${() => {
                    options.onView(view);
                  }}
                >
                  ${label}
                </button>`,
            )}
          </div>`
        : nothing
    }
    <div role="group" class="links" aria-label=${strings.links}>
      ${links.map(
        ([kind, label]) =>
          html`<button
            type="button"
            data-link=${kind}
            aria-pressed=${options.toggles[kind] ? 'true' : 'false'}
            @click=${() => {
              options.onToggle(kind);
            }}
          >
            ${label}
          </button>`,
      )}
    </div>
    <button
      type="button"
      class="register"
      title=${strings.registerHint}
      aria-pressed=${options.registering ? 'true' : 'false'}
      @click=${options.onRegister}
    >
      ${strings.register}
    </button>
    <button type="button" class="reset" @click=${options.onReset}>${strings.reset}</button>
  </div>`;
}
