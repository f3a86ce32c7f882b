import type { CellSpec, HangingProtocol } from './hanging-protocol.js';

export const MAMMOGRAPHY_VIEWS = [
  { label: 'RCC', laterality: 'R', view: 'CC', chestWall: 'right' },
  { label: 'LCC', laterality: 'L', view: 'CC', chestWall: 'left' },
  { label: 'RMLO', laterality: 'R', view: 'MLO', chestWall: 'right' },
  { label: 'LMLO', laterality: 'L', view: 'MLO', chestWall: 'left' },
] as const;

/** The four screening views, by their usual labels. */
export type MammographyView = (typeof MAMMOGRAPHY_VIEWS)[number]['label'];

/**
 * One screening view of the current study or the most recent prior in a cell: the chest wall
 * against the edge where it meets its pair, one physical scale and one zoom/pan link for all.
 */
export function mammographyCell(
  label: MammographyView,
  study: 'current' | 'prior',
  row: number,
  column: number,
): CellSpec {
  const view = MAMMOGRAPHY_VIEWS.find((item) => item.label === label) ?? MAMMOGRAPHY_VIEWS[0];
  return {
    row,
    column,
    label: view.label,
    select: {
      study,
      level: 'instance',
      modality: ['MG'],
      laterality: view.laterality,
      viewPosition: [view.view],
    },
    chestWall: view.chestWall,
    alignment: view.chestWall === 'right' ? 'chest-wall-right' : 'chest-wall-left',
    scaleGroup: 'mammography',
    links: { zoomPan: 'mammography' },
  };
}

function mammographyRow(row: number, study: 'current' | 'prior'): CellSpec[] {
  return MAMMOGRAPHY_VIEWS.map((view, column) => mammographyCell(view.label, study, row, column));
}

/**
 * Screening mammography, 2 × 4: columns RCC | LCC | RMLO | LMLO (right breast on the viewer's
 * left, as the patient faces the reader, each pair meeting chest wall to chest wall); row 0 the
 * most recent prior, row 1 the current study. Priors above currents is the film-alternator
 * habit screening readers kept: today's films on the lower panel at eye level, last round's
 * directly above, each view above its own match so a change reads as a vertical glance.
 * Without a prior the prior row is dropped: 1 × 4. All cells share one physical scale (mm per
 * CSS pixel, from Imager Pixel Spacing ÷ magnification) and one zoom/pan link.
 */
export const screeningMammography: HangingProtocol = {
  id: 'screening-mammography',
  match: [
    { attribute: 'modality', anyOf: ['MG'], weight: 10, required: true },
    { attribute: 'viewPosition', anyOf: ['CC', 'MLO'], weight: 5, required: true },
    { attribute: 'bodyPart', anyOf: ['BREAST'], weight: 1 },
  ],
  priors: { count: 1, sameModality: true, sameBodyPart: false, dropCellsWhenAbsent: true },
  layout: {
    kind: 'fixed',
    rows: 2,
    columns: 4,
    cells: [...mammographyRow(0, 'prior'), ...mammographyRow(1, 'current')],
  },
};

const COMPARISON_LINKS = {
  position: 'comparison',
  zoomPan: 'comparison',
  voi: 'comparison',
} as const;

/**
 * Cross-sectional comparison, 1 × 2: the current study's main series on the left and the same
 * series of the most recent prior of the same modality and body part on the right, scrolled
 * together by patient position (src/sync/slice-position.ts), zoom/pan and window linked.
 */
export const crossSectionalComparison: HangingProtocol = {
  id: 'cross-sectional-comparison',
  match: [{ attribute: 'modality', anyOf: ['CT', 'MR', 'PT'], weight: 5, required: true }],
  priors: { count: 1, sameModality: true, sameBodyPart: true, required: true },
  layout: {
    kind: 'fixed',
    rows: 1,
    columns: 2,
    cells: [
      {
        row: 0,
        column: 0,
        label: 'current',
        select: { study: 'current', level: 'main-series', modality: ['CT', 'MR', 'PT'] },
        links: COMPARISON_LINKS,
      },
      {
        row: 0,
        column: 1,
        label: 'prior',
        select: { study: 'prior', level: 'main-series', modality: ['CT', 'MR', 'PT'] },
        links: COMPARISON_LINKS,
      },
    ],
  },
};

/** Any study: one series per cell on an automatic grid, up to 16 cells. */
export const seriesGrid: HangingProtocol = {
  id: 'default',
  match: [],
  layout: { kind: 'series-grid', maxCells: 16 },
};

/**
 * CT, MR or PT volume reading: the study's main cross-sectional series in three linked planes
 * (`<cb-mpr>`). Chosen by name (`protocol="volume-mpr"`), or by a host protocol with `display:
 * 'mpr'` and its own rules: with no weight it never wins `auto` over the series grid, so a site
 * decides when its readers open CT in MPR.
 */
export const volumeMpr: HangingProtocol = {
  id: 'volume-mpr',
  match: [{ attribute: 'modality', anyOf: ['CT', 'MR', 'PT'], weight: 0, required: true }],
  layout: {
    kind: 'fixed',
    rows: 1,
    columns: 1,
    cells: [
      {
        row: 0,
        column: 0,
        label: 'volume',
        select: { study: 'current', level: 'main-series', modality: ['CT', 'MR', 'PT'] },
      },
    ],
  },
  display: 'mpr',
};

/** In the order `auto` breaks ties: earlier wins. Hosts put their own protocols first. */
export const builtInProtocols: readonly HangingProtocol[] = [
  screeningMammography,
  crossSectionalComparison,
  seriesGrid,
  volumeMpr,
];
