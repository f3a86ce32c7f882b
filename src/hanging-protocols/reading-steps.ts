/**
 * Reading steps: the stages a screening reader walks through for each case, as data. Each step
 * is hung as a hanging protocol of its own (`readingStepProtocol`), built on the screening
 * mammography protocol: the same match rules, the same choice of prior (`findPriors`, most
 * recent mammogram), the same cells (chest wall, one physical scale, one zoom/pan link). Unlike
 * the screening protocol a step keeps its prior cells when there is no prior: a step the reader
 * asked for shows "no image" where the prior would be, never another image in its place.
 */
import {
  mammographyCell,
  screeningMammography,
  type MammographyView,
} from './built-in-protocols.js';
import type { HangingProtocol } from './hanging-protocol.js';

export type { MammographyView } from './built-in-protocols.js';

/** One cell of a step: a view of the current study or of the prior the protocol picks. */
export interface ReadingStepCell {
  readonly study: 'current' | 'prior';
  readonly view: MammographyView;
}

/** A label in one language, or one per language (the element's `lang` picks; English otherwise). */
export type ReadingStepLabel = string | Readonly<Partial<Record<'en' | 'fr', string>>>;

export interface ReadingStep {
  /** Stable identifier, carried by `cb-reading-step-change`. */
  readonly id: string;
  readonly label: ReadingStepLabel;
  /** The views shown, row by row. */
  readonly cells: readonly ReadingStepCell[];
  /** Cells per row (default: all cells in one row). */
  readonly columns?: number;
  /** Every cell in 1:1 (one acquired pixel per device pixel). */
  readonly oneToOne?: boolean;
  /** The cells one at a time, each alone: the step key walks through them before the next step. */
  readonly oneAtATime?: boolean;
}

const CURRENT_VIEWS = (['RCC', 'LCC', 'RMLO', 'LMLO'] as const).map((view): ReadingStepCell => ({
  study: 'current',
  view,
}));

/** Prior above current, right breast on the reader's left (the screening protocol's habit). */
function comparison(right: MammographyView, left: MammographyView): ReadingStepCell[] {
  return [
    { study: 'prior', view: right },
    { study: 'prior', view: left },
    { study: 'current', view: right },
    { study: 'current', view: left },
  ];
}

/**
 * (1) the four current views back to back, (2) current vs prior CC, (3) current vs prior MLO,
 * (4) each current view alone at 1:1, walked through RCC, LCC, RMLO, LMLO.
 */
export const DEFAULT_READING_STEPS: readonly ReadingStep[] = [
  {
    id: 'current',
    label: { en: 'Current views', fr: 'Incidences actuelles' },
    cells: CURRENT_VIEWS,
  },
  {
    id: 'compare-cc',
    label: { en: 'Current vs prior CC', fr: 'CC actuelles / antérieures' },
    cells: comparison('RCC', 'LCC'),
    columns: 2,
  },
  {
    id: 'compare-mlo',
    label: { en: 'Current vs prior MLO', fr: 'MLO actuelles / antérieures' },
    cells: comparison('RMLO', 'LMLO'),
    columns: 2,
  },
  {
    id: 'one-to-one',
    label: { en: 'Each view at 1:1', fr: 'Chaque incidence en 1:1' },
    cells: CURRENT_VIEWS,
    oneToOne: true,
    oneAtATime: true,
  },
];

/** Where the reader is: a step, and in a one-at-a-time step the cell shown. */
export interface StepPosition {
  readonly step: number;
  /** Index in the step's cells when the step shows them one at a time. */
  readonly cell: number | undefined;
}

/** Every position of the steps in reading order (a one-at-a-time step gives one per cell). */
export function stepPositions(steps: readonly ReadingStep[]): StepPosition[] {
  return steps.flatMap((step, index): StepPosition[] =>
    step.oneAtATime === true && step.cells.length > 0
      ? step.cells.map((_, cell) => ({ step: index, cell }))
      : [{ step: index, cell: undefined }],
  );
}

/** The label in `locale`, else English, else any. */
export function stepLabel(label: ReadingStepLabel, locale: 'en' | 'fr'): string {
  if (typeof label === 'string') return label;
  return label[locale] ?? label.en ?? Object.values(label)[0] ?? '';
}

export const READING_STEP_PROTOCOL_PREFIX = 'reading-step:';

/** The hanging protocol that shows a step (or, one at a time, one of its cells). */
export function readingStepProtocol(step: ReadingStep, cell?: number): HangingProtocol {
  const shown = cell === undefined ? step.cells : step.cells.slice(cell, cell + 1);
  const columns = Math.max(1, Math.min(step.columns ?? shown.length, shown.length));
  const id = `${READING_STEP_PROTOCOL_PREFIX}${step.id}${cell === undefined ? '' : `:${String(cell)}`}`;
  return {
    id,
    match: screeningMammography.match,
    priors: {
      count: 1,
      sameModality: true,
      sameBodyPart: false,
      ...(screeningMammography.priors?.maxAgeDays === undefined
        ? {}
        : { maxAgeDays: screeningMammography.priors.maxAgeDays }),
    },
    layout: {
      kind: 'fixed',
      rows: Math.max(1, Math.ceil(shown.length / columns)),
      columns,
      cells: shown.map((item, index) =>
        mammographyCell(item.view, item.study, Math.floor(index / columns), index % columns),
      ),
    },
  };
}
