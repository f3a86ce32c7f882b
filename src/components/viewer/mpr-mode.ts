/**
 * `<cb-viewer>`'s MPR mode: the toolbar's "MPR" action shows the active CT or MR series in
 * `<cb-mpr>` (three linked planes) in place of the grid, and back; a hanging protocol whose
 * `display` is 'mpr' (the built-in `volume-mpr`) opens its first volume series that way.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Modality } from '../../dicom/tags.generated.js';
import { builtInProtocols } from '../../hanging-protocols/built-in-protocols.js';
import type { HangingProtocol } from '../../hanging-protocols/hanging-protocol.js';
import type { ViewerCell } from '../../session/viewer-cell.js';
import '../mpr/cb-mpr.js';

/** Cross-sectional modalities whose series can make a volume (the geometry decides for sure). */
const VOLUME_MODALITIES = new Set(['CT', 'MR', 'PT']);
/** Fewest slices worth reformatting (the volume worker's own minimum). */
const MIN_SLICES = 3;

type Mode =
  | { readonly kind: 'off' }
  | { readonly kind: 'protocol' }
  | { readonly kind: 'cell'; readonly cellId: number };

export class MprMode {
  #mode: Mode = { kind: 'off' };

  constructor(private readonly host: ReactiveControllerHost) {}

  /** The cell MPR would show: the active one when it holds a volume series, else the first that does. */
  volumeCell(
    cells: readonly ViewerCell[],
    activeCellId: number | undefined,
  ): ViewerCell | undefined {
    const active = cells.find((cell) => cell.id === activeCellId);
    return active && isVolume(active) ? active : cells.find(isVolume);
  }

  /** The cell shown in MPR now, if any. */
  shown(cells: readonly ViewerCell[]): ViewerCell | undefined {
    const mode = this.#mode;
    if (mode.kind === 'protocol') return cells.find(isVolume);
    if (mode.kind === 'cell')
      return cells.find((cell) => cell.id === mode.cellId && isVolume(cell));
    return undefined;
  }

  /** The toolbar action: MPR of the active volume series, or back to the grid. */
  toggle(cells: readonly ViewerCell[], activeCellId: number | undefined): void {
    const cell = this.volumeCell(cells, activeCellId);
    this.#mode = this.shown(cells) || !cell ? { kind: 'off' } : { kind: 'cell', cellId: cell.id };
    this.host.requestUpdate();
  }

  /** A new layout: MPR when its protocol says so, the grid otherwise. */
  hung(protocolId: string | undefined, hostProtocols: readonly HangingProtocol[]): void {
    const protocol = [...hostProtocols, ...builtInProtocols].find((p) => p.id === protocolId);
    this.#mode = protocol?.display === 'mpr' ? { kind: 'protocol' } : { kind: 'off' };
    this.host.requestUpdate();
  }

  /** The toolbar's MPR button. */
  toolbar(
    cells: readonly ViewerCell[],
    activeCellId: number | undefined,
  ): { available: boolean; on: boolean; onToggle: () => void } {
    return {
      available: this.volumeCell(cells, activeCellId) !== undefined,
      on: this.shown(cells) !== undefined,
      onToggle: () => {
        this.toggle(cells, activeCellId);
      },
    };
  }

  render(cells: readonly ViewerCell[]): TemplateResult | undefined {
    const cell = this.shown(cells);
    return cell
      ? html`<cb-mpr
          class="mpr"
          part="mpr"
          data-cell-id=${cell.id}
          series=${cell.seriesInstanceUid ?? ''}
          .stack=${cell.stack}
        ></cb-mpr>`
      : undefined;
  }
}

function isVolume(cell: ViewerCell): boolean {
  const modality = cell.stack[0]?.string(Modality)?.toUpperCase();
  return (
    cell.content === 'image' &&
    cell.stack.length >= MIN_SLICES &&
    modality !== undefined &&
    VOLUME_MODALITIES.has(modality)
  );
}
