/** The viewer's control bar: native buttons and a select, each labelled, all keyboard operable. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ComparisonView } from '../../hanging-protocols/hang-studies.js';
import { toolbarButton } from '../toolbar-button.js';
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
  readonly oneToOne: boolean;
  readonly onOneToOne: () => void;
  /** The MPR action: available for a CT/MR/PT series, pressed while the planes are shown. */
  readonly mpr: {
    readonly available: boolean;
    readonly on: boolean;
    readonly onToggle: () => void;
  };
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
    ${toolbarButton({
      className: 'history-toggle',
      text: strings.showHistory,
      pressed: options.historyOpen,
      onClick: options.onHistory,
    })}
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
            ${views.map(([view, text]) =>
              toolbarButton({
                text,
                pressed: options.view === view,
                data: { view },
                onClick: () => {
                  options.onView(view);
                },
              }),
            )}
          </div>`
        : nothing
    }
    <div role="group" class="links" aria-label=${strings.links}>
      ${links.map(([link, text]) =>
        toolbarButton({
          text,
          pressed: options.toggles[link],
          data: { link },
          onClick: () => {
            options.onToggle(link);
          },
        }),
      )}
    </div>
    ${toolbarButton({
      className: 'register',
      text: strings.register,
      title: strings.registerHint,
      pressed: options.registering,
      onClick: options.onRegister,
    })}
    ${toolbarButton({
      className: 'one-to-one',
      text: strings.oneToOne,
      title: strings.oneToOneHint,
      pressed: options.oneToOne,
      onClick: options.onOneToOne,
    })}
    ${toolbarButton({ className: 'reset', text: strings.reset, onClick: options.onReset })}
    ${toolbarButton({
      className: 'mpr',
      text: strings.mpr,
      title: options.mpr.on ? strings.mprLeave : strings.mpr,
      pressed: options.mpr.on,
      disabled: !options.mpr.available && !options.mpr.on,
      onClick: options.mpr.onToggle,
    })}
  </div>`;
}
