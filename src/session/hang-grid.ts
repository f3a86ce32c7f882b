/**
 * From the hanging protocols' decision to the viewer's grid: which protocol hangs the current
 * study, whether a prior could be shown, the `layout` override, and the priors compared with.
 * Pure: no request, no state.
 */
import { hangStudies, type ComparisonView } from '../hanging-protocols/hang-studies.js';
import type { HangingProtocol } from '../hanging-protocols/hanging-protocol.js';
import type { StudySummary } from '../hanging-protocols/summaries.js';
import { blankCell, gridFromHanging, reshapeGrid, type ViewerGrid } from './viewer-cell.js';

export interface HangOptions {
  readonly protocols: readonly HangingProtocol[];
  readonly protocol: string;
  readonly view: ComparisonView;
  /** Fixed grid from the `layout` attribute; undefined = the protocol's own. */
  readonly grid: { readonly rows: number; readonly columns: number } | undefined;
  /**
   * `auto`: priors hang where a protocol lays them out without needing them (screening
   * mammography); `prior`: protocols that need a prior too (CT/MR side by side); `none`: the
   * current study alone.
   */
  readonly compare: 'auto' | 'none' | 'prior';
  /** Bytes the prior prefetch may fetch; 0 turns it off. */
  readonly prefetchBytes: number;
}

export interface HungGrid {
  readonly grid: ViewerGrid;
  readonly protocolId: string;
  /** The hung layout could show a prior (the view toggle has a meaning). */
  readonly hasPrior: boolean;
  /** Study Instance UIDs of the priors on screen. */
  readonly comparedWith: string[];
}

export function hangGrid(
  current: StudySummary,
  history: readonly StudySummary[],
  options: HangOptions,
): HungGrid {
  const protocols =
    options.compare === 'prior'
      ? options.protocols
      : options.protocols.filter((protocol) => protocol.priors?.required !== true);
  const full = hangStudies({
    current,
    history,
    protocols,
    protocol: options.protocol,
    view: options.compare === 'none' ? 'current' : options.view,
  });
  // Whether the current / prior / both toggle means something: with every protocol.
  const withPrior =
    options.compare === 'prior'
      ? full
      : hangStudies({
          current,
          history,
          protocols: options.protocols,
          protocol: options.protocol,
          view: 'both',
        });
  let grid = full ? gridFromHanging(full) : { rows: 1, columns: 1, cells: [blankCell(0, 0)] };
  if (options.grid) grid = reshapeGrid(grid, options.grid.rows, options.grid.columns);
  return {
    grid,
    protocolId: full?.protocolId ?? '',
    hasPrior: withPrior?.cells.some((cell) => cell.role === 'prior' && !cell.empty) ?? false,
    comparedWith: [
      ...new Set(
        grid.cells
          .filter((cell) => cell.role === 'prior' && cell.studyInstanceUid !== undefined)
          .map((cell) => cell.studyInstanceUid ?? ''),
      ),
    ],
  };
}
