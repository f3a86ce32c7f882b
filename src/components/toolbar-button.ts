/**
 * One button of a toolbar, for both the viewer's control bar and the viewport's tool strip:
 * a native `<button type="button">` (so mouse click, touch tap, Enter and Space all arrive as
 * `click`), `aria-pressed` on toggles only, and a name for assistive technology.
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

export interface ToolbarButton {
  readonly className?: string;
  /** Visible text; without it, `glyph` is drawn and `label` names the button. */
  readonly text?: string;
  readonly glyph?: string;
  /** The accessible name and tooltip of a glyph button. */
  readonly label?: string;
  readonly title?: string;
  /** A toggle's state (`aria-pressed`); undefined for a plain button. */
  readonly pressed?: boolean;
  readonly disabled?: boolean;
  /** `data-view` / `data-link`: which view or link a toggle of a group stands for. */
  readonly data?: { readonly view?: string; readonly link?: string };
  readonly onClick: () => void;
}

export function toolbarButton(button: ToolbarButton): TemplateResult {
  const name = button.text === undefined ? button.label : undefined;
  return html`<button
    type="button"
    class=${ifDefined(button.className)}
    aria-label=${ifDefined(name)}
    title=${ifDefined(button.title ?? name)}
    aria-pressed=${ifDefined(button.pressed === undefined ? undefined : String(button.pressed))}
    data-view=${ifDefined(button.data?.view)}
    data-link=${ifDefined(button.data?.link)}
    ?disabled=${button.disabled === true}
    @click=${button.onClick}
  >
    ${button.text ?? html`<span aria-hidden="true">${button.glyph}</span>`}
  </button>`;
}
