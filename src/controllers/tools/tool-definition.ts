import type { SVGTemplateResult } from 'lit';
import type { DecodedFrame } from '../../dicom/decoded-frame.js';
import type { ViewportStrings } from '../../i18n/strings.js';
import type { Calibration } from '../../render/calibration.js';
import type { ImagePoint, MeasuredValue, Measurement } from '../../render/measurement.js';
import type { ModalityLut } from '../../render/modality-lut.js';
import type { PaddingRange } from '../../render/pixel-padding.js';
import type { Affine } from '../../render/view-transform.js';
import type { ToolHost } from '../tool-host.js';

/**
 * A tool is data: one file under controllers/tools/ exports one definition, and the table in
 * tools.ts lists it. The pointer and keyboard controllers, the measurement factory and the
 * overlay read the table; none of them names a tool.
 */
export type ToolDefinition<Id extends string = string> =
  DragToolDefinition<Id> | MeasurementToolDefinition<Id>;

interface ToolBase<Id extends string> {
  readonly id: Id;
  /** The letter that chooses it from the keyboard (lower case; Shift is ignored). */
  readonly key: string;
}

/** Where the pointer is, and how far it moved since the last event, during one drag. */
export interface DragMotion {
  readonly dx: number;
  readonly dy: number;
  /** Pointer position in viewport CSS pixels. */
  readonly x: number;
  readonly y: number;
  /** A per-drag accumulator the tool may use (the scroll tool's fractional steps). */
  carry: number;
}

/** A tool that changes the view while the pointer is held (window, pan, zoom, scroll, lens). */
export interface DragToolDefinition<Id extends string = string> extends ToolBase<Id> {
  readonly kind: 'drag';
  press?(host: ToolHost, at: { x: number; y: number }): void;
  move(host: ToolHost, motion: DragMotion): void;
  release?(host: ToolHost): void;
}

/** What a measurement reads from the image on screen. */
export interface MeasuredImage {
  /** Pixel Spacing and its kind (PS3.3 10.7.1.3). */
  readonly calibration: Calibration;
  readonly frame: DecodedFrame;
  /** Stored → modality values (PS3.3 C.11.1). */
  readonly modality: ModalityLut;
  /** Stored values that are padding, not patient signal (PS3.3 C.7.5.1.1.2). */
  readonly padding: PaddingRange | undefined;
}

/** Formats a number for the viewport's language. */
export type FormatNumber = (value: number, fractionDigits: number) => string;

/** A tool that places points on the image and turns them into a `Measurement`. */
export interface MeasurementToolDefinition<Id extends string = string> extends ToolBase<Id> {
  readonly kind: 'measurement';
  /**
   * Points each pointer drag adds, in order: `[2]` a segment, `[2, 1]` an angle (the second
   * drag adds its far end), `[1]` a point. From the keyboard, Enter places one point at a time.
   */
  readonly strokes: readonly number[];
  /** The tool's name in the string tables (the annotation's tooltip). */
  readonly label: keyof ViewportStrings['tools'];
  /** The value of the finished points, or undefined when they measure nothing. */
  measure(points: readonly ImagePoint[], image: MeasuredImage): MeasuredValue | undefined;
  /** SVG in viewport CSS pixels; `m` maps image to CSS coordinates, `caption` its text. */
  draw(points: readonly ImagePoint[], m: Affine, caption: string | undefined): SVGTemplateResult;
  /** The text drawn beside a finished measurement. */
  caption(measurement: Measurement, format: FormatNumber, strings: ViewportStrings): string;
}

/** How many points finish a measurement. */
export function pointCount(tool: MeasurementToolDefinition): number {
  return tool.strokes.reduce((sum, count) => sum + count, 0);
}

/** How many points the next drag adds to a draft holding `placed` points. */
export function nextStroke(tool: MeasurementToolDefinition, placed: number): number {
  let sum = 0;
  for (const count of tool.strokes) {
    if (sum >= placed) return count;
    sum += count;
  }
  return 0;
}

/** A measurement being placed: its tool and the points so far (the last follows the pointer). */
export interface MeasurementDraft {
  readonly tool: MeasurementToolDefinition;
  readonly points: ImagePoint[];
}
