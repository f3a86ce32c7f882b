import { angle } from './angle.js';
import { ellipse } from './ellipse.js';
import { length } from './length.js';
import { magnifier } from './magnifier.js';
import { pan } from './pan.js';
import { probe } from './probe.js';
import { rectangle } from './rectangle.js';
import { scroll } from './scroll.js';
import type { MeasurementToolDefinition, ToolDefinition } from './tool-definition.js';
import { windowLevel } from './window-level.js';
import { zoom } from './zoom.js';

/**
 * Every tool of `<cb-viewport>`, one file each. Adding a tool is its file and one entry here
 * (plus its name in each language's string table, for a measurement tool: the compiler asks).
 */
export const TOOLS = [
  windowLevel,
  pan,
  zoom,
  scroll,
  magnifier,
  length,
  angle,
  rectangle,
  ellipse,
  probe,
] as const satisfies readonly ToolDefinition[];

type Tool = (typeof TOOLS)[number];

/** The tool ids `CbViewport.tool` accepts. */
export type ToolName = Tool['id'];

/** The `kind` of the measurements the built-in tools make. */
export type MeasurementKind = Extract<Tool, { kind: 'measurement' }>['id'];

const byId: ReadonlyMap<string, ToolDefinition> = new Map(TOOLS.map((tool) => [tool.id, tool]));

/** The tool with this id, or undefined for an id no table entry has. */
export function toolNamed(id: string): ToolDefinition | undefined {
  return byId.get(id);
}

/** The measurement tool that makes measurements of this kind. */
export function measurementTool(kind: string): MeasurementToolDefinition | undefined {
  const tool = byId.get(kind);
  return tool?.kind === 'measurement' ? tool : undefined;
}

/** The tool a letter chooses (lower case). */
export function toolForKey(key: string): ToolDefinition | undefined {
  return TOOLS.find((tool) => tool.key === key);
}

/** The buttons that run a tool whatever `tool` is: middle pans, secondary zooms. */
export const BUTTON_TOOLS: Readonly<Record<number, ToolDefinition>> = { 1: pan, 2: zoom };
