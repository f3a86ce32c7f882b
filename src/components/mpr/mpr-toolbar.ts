import { html, type TemplateResult } from 'lit';
import type { MprStrings } from '../../i18n/strings.js';
import type { SlabMode } from '../../volume/reformat-plane.js';
import { SLAB_PRESETS } from '../../volume/slab-presets.js';
import { MPR_TOOLS, type MprTool } from './mpr-input.js';

export type MprSlabMode = SlabMode | 'thin';

export const SLAB_MODES: readonly MprSlabMode[] = ['thin', 'mip', 'minip', 'average'];

export interface MprToolbarHost {
  tool: MprTool;
  slabMode: MprSlabMode;
  slabThickness: number;
  applySlabPreset(id: string): void;
  reset(): void;
}

/** The MPR toolbar: tools, slab mode and thickness, slab presets, reset. */
export function renderMprToolbar(host: MprToolbarHost, strings: MprStrings): TemplateResult {
  const presetNames: Readonly<Record<string, string>> = strings.presets;
  return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label=${strings.toolbarLabel}>
    ${MPR_TOOLS.map(
      (tool) =>
        html`<button
          type="button"
          data-tool=${tool}
          aria-pressed=${host.tool === tool ? 'true' : 'false'}
          @click=${() => {
            host.tool = tool;
          }}
        >
          ${strings.tools[tool]}
        </button>`,
    )}
    <label
      >${strings.slab}
      <select
        name="slab-mode"
        @change=${(event: Event) => {
          const value = (event.target as HTMLSelectElement).value;
          const mode = SLAB_MODES.find((m) => m === value);
          if (mode) host.slabMode = mode;
        }}
      >
        ${SLAB_MODES.map(
          (mode) =>
            html`<option value=${mode} ?selected=${host.slabMode === mode}>
              ${strings.slabModes[mode]}
            </option>`,
        )}
      </select></label
    >
    <label
      >${strings.thickness}
      <input
        name="slab-thickness"
        type="number"
        min="0"
        max="100"
        step="1"
        .value=${String(host.slabThickness)}
        @change=${(event: Event) => {
          const value = Number((event.target as HTMLInputElement).value);
          if (Number.isFinite(value) && value >= 0) host.slabThickness = value;
        }}
    /></label>
    ${SLAB_PRESETS.map(
      (preset) =>
        html`<button
          type="button"
          data-preset=${preset.id}
          @click=${() => {
            host.applySlabPreset(preset.id);
          }}
        >
          ${presetNames[preset.id] ?? preset.id}
        </button>`,
    )}
    <button
      type="button"
      data-action="reset"
      @click=${() => {
        host.reset();
      }}
    >
      ${strings.reset}
    </button>
  </div>`;
}
