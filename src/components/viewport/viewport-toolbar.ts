import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Locale, ViewportStrings } from '../../i18n/strings.js';
import { formatNumber } from '../../i18n/locale.js';
import type { Rotation } from '../../render/view-transform.js';

/** What the toolbar reads and changes on the viewport. */
export interface ToolbarHost {
  invert: boolean;
  rotation: Rotation;
  flipHorizontal: boolean;
  flipVertical: boolean;
  cineFps: number;
  readonly isPlaying: boolean;
  readonly imageCount: number;
  readonly presets: readonly unknown[];
  cyclePreset(): void;
  play(): void;
  stop(): void;
  reset(): void;
}

/** Cine speed limits, shared with the [ ] keys. */
export const MIN_CINE_FPS = 1;
export const MAX_CINE_FPS = 120;

/**
 * Pointer presses on the toolbar must not reach the viewport's tools: the primary-button tool
 * would start a drag and capture the pointer on the host, which retargets the `click` away from
 * the button (a tap or a click would then do nothing).
 */
const keepPointer = (event: Event): void => {
  event.stopPropagation();
};

/** Enter and Space activate the focused button; the viewport must not also see them (Space = cine). */
const keepActivationKeys = (event: KeyboardEvent): void => {
  if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
};

/**
 * Buttons for the display toggles and cine, so they work by mouse click and touch tap (both
 * arrive as `click`) and by Tab + Enter/Space, not only through keyboard shortcuts.
 */
export function renderToolbar(
  host: ToolbarHost,
  strings: ViewportStrings,
  locale: Locale,
): TemplateResult {
  const t = strings.toolbar;
  const button = (
    name: string,
    label: string,
    glyph: string,
    action: () => void,
    pressed?: boolean,
    disabled = false,
  ): TemplateResult =>
    html`<button
      type="button"
      class=${name}
      aria-label=${label}
      title=${label}
      aria-pressed=${ifDefined(pressed === undefined ? undefined : String(pressed))}
      ?disabled=${disabled}
      @click=${action}
    >
      <span aria-hidden="true">${glyph}</span>
    </button>`;
  const single = host.imageCount < 2;
  return html`<div
    class="toolbar"
    role="toolbar"
    aria-label=${t.label}
    @pointerdown=${keepPointer}
    @keydown=${keepActivationKeys}
  >
    ${button('invert', t.invert, '◐', () => (host.invert = !host.invert), host.invert)}
    ${button('rotate', t.rotate, '↻', () => {
      host.rotation = ((host.rotation + 90) % 360) as Rotation;
    })}
    ${button(
      'flip-horizontal',
      t.flipHorizontal,
      '⇆',
      () => (host.flipHorizontal = !host.flipHorizontal),
      host.flipHorizontal,
    )}
    ${button(
      'flip-vertical',
      t.flipVertical,
      '⇅',
      () => (host.flipVertical = !host.flipVertical),
      host.flipVertical,
    )}
    ${button(
      'preset',
      t.preset,
      'W',
      () => {
        host.cyclePreset();
      },
      undefined,
      host.presets.length === 0,
    )}
    ${button(
      'cine',
      t.cine,
      host.isPlaying ? '■' : '▶',
      () => {
        if (host.isPlaying) host.stop();
        else host.play();
      },
      host.isPlaying,
      single,
    )}
    ${button(
      'slower',
      t.slower,
      '−',
      () => (host.cineFps = Math.max(MIN_CINE_FPS, host.cineFps - 1)),
      undefined,
      single,
    )}
    <span class="fps" title=${t.fps}
      >${formatNumber(locale, host.cineFps, 0)}<span class="visually-hidden"> ${t.fps}</span></span
    >
    ${button(
      'faster',
      t.faster,
      '+',
      () => (host.cineFps = Math.min(MAX_CINE_FPS, host.cineFps + 1)),
      undefined,
      single,
    )}
    ${button('reset', t.reset, '⟲', () => {
      host.reset();
    })}
  </div>`;
}
