import type { CellSpec, FixedLayout, HangingProtocol } from './hanging-protocol.js';
import { orientForChestWall } from './mammography-orientation.js';
import { modalitiesOf, selectProtocol } from './select-protocol.js';
import { findPriors, isImageSeries, mainSeriesOf, selectImage } from './study-selection.js';
import { studyAgeDays, type StudySummary } from './summaries.js';
import type { HangingCell, HangingLayout } from './viewer-cell-state.js';

/** Which studies a comparison layout shows (the viewer's current / prior / both toggle). */
export type ComparisonView = 'current' | 'prior' | 'both';

export interface HangStudiesInput {
  /** The study the viewer was opened on. */
  readonly current: StudySummary;
  /** The patient's other studies (any order; the current one may be included). */
  readonly history: readonly StudySummary[];
  readonly protocols: readonly HangingProtocol[];
  /** A protocol id or 'auto' (default). */
  readonly protocol?: string;
  readonly view?: ComparisonView;
}

/** Chooses a protocol and fills its cells; undefined when no protocol applies. */
export function hangStudies(input: HangStudiesInput): HangingLayout | undefined {
  const protocol = selectProtocol(
    input.protocols,
    input.current,
    input.history,
    input.protocol ?? 'auto',
  );
  if (protocol === undefined) return undefined;
  if (protocol.layout.kind === 'series-grid')
    return seriesGridLayout(protocol.id, input.current, protocol.layout.maxCells);
  const priors = protocol.priors
    ? findPriors(input.current, input.history, protocol.priors, modalitiesOf(protocol))
    : [];
  const dropPriors = priors.length === 0 && protocol.priors?.dropCellsWhenAbsent === true;
  const view = input.view ?? 'both';
  const specs = protocol.layout.cells.filter((spec) => {
    if (spec.select.study === 'prior' && (dropPriors || view === 'current')) return false;
    return !(spec.select.study === 'current' && view === 'prior');
  });
  const cells = specs.map((spec) => fillCell(spec, input.current, priors));
  return compact(protocol.id, protocol.layout, cells);
}

function fillCell(
  spec: CellSpec,
  current: StudySummary,
  priors: readonly StudySummary[],
): HangingCell {
  const study = spec.select.study === 'current' ? current : priors[spec.select.priorIndex ?? 0];
  // A prior series is matched against the current one so the comparison shows like with like.
  const reference =
    spec.select.study === 'prior' && spec.select.level === 'main-series'
      ? mainSeriesOf(current, spec.select.modality)
      : undefined;
  const selector =
    reference === undefined ? spec.select : { ...spec.select, modality: [reference.modality] };
  const selected = study === undefined ? undefined : selectImage(study, selector, reference);
  const orientation =
    spec.chestWall === undefined
      ? { flipHorizontal: false, rotation: 0 as const }
      : orientForChestWall(selected?.instance, spec.chestWall);
  return {
    row: spec.row,
    column: spec.column,
    studyInstanceUid: study?.studyInstanceUid,
    seriesInstanceUid: selected?.series.seriesInstanceUid,
    sopInstanceUid: selected?.instance?.sopInstanceUid,
    frame: 0,
    ...orientation,
    voi: undefined,
    scale: 'fit',
    role: spec.select.study,
    label:
      spec.select.level === 'main-series'
        ? (selected?.series.seriesDescription ?? spec.label)
        : spec.label,
    empty: selected === undefined,
    alignment: spec.alignment ?? 'center',
    scaleGroup: spec.scaleGroup,
    spacingMm: selected?.instance?.spacingMm ?? selected?.series.instances[0]?.spacingMm,
    links: spec.links ?? {},
    priorAgeDays:
      spec.select.study === 'prior' && study !== undefined
        ? studyAgeDays(current, study)
        : undefined,
  };
}

/** Removes rows and columns no kept cell uses and renumbers from zero, keeping the order. */
function compact(
  protocolId: string,
  layout: FixedLayout,
  cells: readonly HangingCell[],
): HangingLayout {
  const rows = [...new Set(cells.map((cell) => cell.row))].sort((a, b) => a - b);
  const columns = [...new Set(cells.map((cell) => cell.column))].sort((a, b) => a - b);
  const full = rows.length === layout.rows && columns.length === layout.columns;
  return {
    protocolId,
    rows: full ? layout.rows : rows.length,
    columns: full ? layout.columns : columns.length,
    cells: cells
      .map((cell) =>
        full
          ? cell
          : { ...cell, row: rows.indexOf(cell.row), column: columns.indexOf(cell.column) },
      )
      .sort((a, b) => a.row - b.row || a.column - b.column),
  };
}

/** Grid shape for n cells: near-square, wider than tall (1×1, 1×2, 2×2, 2×3, 3×3, 3×4, 4×4). */
export function autoGrid(count: number): { rows: number; columns: number } {
  if (count <= 1) return { rows: 1, columns: 1 };
  const columns = Math.ceil(Math.sqrt(count));
  return { rows: Math.ceil(count / columns), columns };
}

function seriesGridLayout(
  protocolId: string,
  current: StudySummary,
  maxCells: number,
): HangingLayout {
  const series = current.series
    .filter(isImageSeries)
    .sort((a, b) => (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity))
    .slice(0, maxCells);
  const { rows, columns } = autoGrid(series.length);
  const cells = series.map((item, index): HangingCell => ({
    row: Math.floor(index / columns),
    column: index % columns,
    studyInstanceUid: current.studyInstanceUid,
    seriesInstanceUid: item.seriesInstanceUid,
    sopInstanceUid: undefined,
    frame: 0,
    flipHorizontal: false,
    rotation: 0,
    voi: undefined,
    scale: 'fit',
    role: 'current',
    label: item.seriesDescription ?? item.modality,
    empty: false,
    alignment: 'center',
    scaleGroup: undefined,
    spacingMm: item.instances[0]?.spacingMm,
    links: {},
    priorAgeDays: undefined,
  }));
  return { protocolId, rows, columns, cells };
}
