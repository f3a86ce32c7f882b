/**
 * A hanging protocol is data: rules that say when it applies (scored), which priors it wants,
 * and a layout whose cells name the image they show by attributes — never by position in a list,
 * so a missing view leaves its own cell empty instead of shifting the others.
 */
import type { CellAlignment, CellLinks } from './viewer-cell-state.js';

/** Attributes a rule or a selector can test, read from the summaries. */
export type MatchAttribute =
  'modality' | 'bodyPart' | 'laterality' | 'viewPosition' | 'sopClassUid';

/** Applies when any image of the current study has one of `anyOf` (case-insensitive). */
export interface MatchRule {
  readonly attribute: MatchAttribute;
  readonly anyOf: readonly string[];
  /** Added to the protocol's score when the rule holds. */
  readonly weight: number;
  /** When true and the rule fails, the protocol does not apply at all. */
  readonly required?: boolean;
}

/** Which earlier studies count as comparable priors. */
export interface PriorCriteria {
  /** How many priors, most recent first. */
  readonly count: number;
  /** The prior must contain the current study's main modality. */
  readonly sameModality: boolean;
  /** The prior must show the current study's body part (when the current one names it). */
  readonly sameBodyPart: boolean;
  /** Ignore priors older than this (study dates). */
  readonly maxAgeDays?: number;
  /** The protocol does not apply without a prior. */
  readonly required?: boolean;
  /**
   * Without a prior, drop the prior cells (and rows/columns left empty) rather than show them
   * empty: 4 views instead of 8 for a first screening.
   */
  readonly dropCellsWhenAbsent?: boolean;
}

/** Picks one image (or series) of a study for a cell. Unset fields match anything. */
export interface ImageSelector {
  readonly study: 'current' | 'prior';
  /** 0 = most recent prior. */
  readonly priorIndex?: number;
  readonly modality?: readonly string[];
  readonly laterality?: string;
  readonly viewPosition?: readonly string[];
  /**
   * 'instance': one image (mammography view). 'main-series': the current study's largest image
   * series of the wanted modality; for a prior, the series most like the current one.
   */
  readonly level: 'instance' | 'main-series';
}

export interface CellSpec {
  readonly row: number;
  readonly column: number;
  readonly label: string;
  readonly select: ImageSelector;
  /**
   * For mammography: the cell edge the chest wall must touch. The engine flips (and turns)
   * the image from its Patient Orientation so that it does (mammography-orientation.ts).
   */
  readonly chestWall?: 'left' | 'right';
  readonly alignment?: CellAlignment;
  readonly scaleGroup?: string;
  readonly links?: CellLinks;
}

export interface FixedLayout {
  readonly kind: 'fixed';
  readonly rows: number;
  readonly columns: number;
  readonly cells: readonly CellSpec[];
}

/** One series of the current study per cell, in series number order, on an automatic grid. */
export interface SeriesGridLayout {
  readonly kind: 'series-grid';
  readonly maxCells: number;
}

export interface HangingProtocol {
  /** Stable identifier, used by the `protocol` attribute. */
  readonly id: string;
  readonly match: readonly MatchRule[];
  readonly priors?: PriorCriteria;
  readonly layout: FixedLayout | SeriesGridLayout;
  /**
   * How the series are shown: 'stack' (default) one viewport per cell; 'mpr' the first CT, MR
   * or PT series of the layout in three linked planes (`<cb-mpr>`), the toolbar's MPR action
   * leading back to the cells.
   */
  readonly display?: 'stack' | 'mpr';
}
