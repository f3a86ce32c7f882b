import { html, type TemplateResult } from 'lit';
import type { Locale, ViewportStrings } from '../../i18n/strings.js';
import { formatNumber } from '../../i18n/locale.js';
import type { Rotation } from '../../render/view-transform.js';
import { toolbarButton } from '../toolbar-button.js';

/** What the toolbar reads and changes on the viewport. */
export interface ToolbarHost {
  invert: boolean;
  rotation: Rotation;
  flipHorizontal: boolean;
  flipVertical: boolean;
  cineFps: number;
  readonly oneToOne: boolean;
  setOneToOneFromUser(on: boolean): void;
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
  const single = host.imageCount < 2;
  return html`<div
    class="toolbar"
    role="toolbar"
    aria-label=${t.label}
    @pointerdown=${keepPointer}
    @keydown=${keepActivationKeys}
  >
    ${toolbarButton({
      className: 'invert',
      label: t.invert,
      glyph: '◐',
      pressed: host.invert,
      onClick: () => (host.invert = !host.invert),
    })}
    ${toolbarButton({
      className: 'rotate',
      label: t.rotate,
      glyph: '↻',
      onClick: () => (host.rotation = ((host.rotation + 90) % 360) as Rotation),
    })}
    ${toolbarButton({
      className: 'flip-horizontal',
      label: t.flipHorizontal,
      glyph: '⇆',
      pressed: host.flipHorizontal,
      onClick: () => (host.flipHorizontal = !host.flipHorizontal),
    })}
    ${toolbarButton({
      className: 'flip-vertical',
      label: t.flipVertical,
      glyph: '⇅',
      pressed: host.flipVertical,
      onClick: () => (host.flipVertical = !host.flipVertical),
    })}
    ${toolbarButton({
      className: 'one-to-one',
      label: t.oneToOne,
      glyph: '1:1',
      pressed: host.oneToOne,
      onClick: () => {
        host.setOneToOneFromUser(!host.oneToOne);
      },
    })}
    ${toolbarButton({
      className: 'preset',
      label: t.preset,
      glyph: 'W',
      disabled: host.presets.length === 0,
      onClick: () => {
        host.cyclePreset();
      },
    })}
    ${toolbarButton({
      className: 'cine',
      label: t.cine,
      glyph: host.isPlaying ? '■' : '▶',
      pressed: host.isPlaying,
      disabled: single,
      onClick: () => {
        if (host.isPlaying) host.stop();
        else host.play();
      },
    })}
    ${toolbarButton({
      className: 'slower',
      label: t.slower,
      glyph: '−',
      disabled: single,
      onClick: () => (host.cineFps = Math.max(MIN_CINE_FPS, host.cineFps - 1)),
    })}
    <span class="fps" title=${t.fps}
      >${formatNumber(locale, host.cineFps, 0)}<span class="visually-hidden"> ${t.fps}</span></span
    >
    ${toolbarButton({
      className: 'faster',
      label: t.faster,
      glyph: '+',
      disabled: single,
      onClick: () => (host.cineFps = Math.min(MAX_CINE_FPS, host.cineFps + 1)),
    })}
    ${toolbarButton({
      className: 'reset',
      label: t.reset,
      glyph: '⟲',
      onClick: () => {
        host.reset();
      },
    })}
  </div>`;
}
