import type { ReactiveControllerHost } from 'lit';
import type { Measurement } from '../render/measurement.js';
import type { Affine, Rotation, ViewGeometry } from '../render/view-transform.js';
import type { VoiWindow } from '../render/voi-lut.js';
import type { ShownImage } from './frame-stack-controller.js';

/**
 * What the tools and their controllers need from the viewport: its view properties and the
 * few members `CbViewport` keeps out of its public API (kept narrow to avoid an import cycle).
 */
export interface ToolHost extends ReactiveControllerHost, HTMLElement {
  /** A tool id of the table in tools/tools.ts. */
  tool: string;
  index: number;
  scale: 'fit' | number;
  pan: { x: number; y: number };
  rotation: Rotation;
  flipHorizontal: boolean;
  flipVertical: boolean;
  invert: boolean;
  cineFps: number;
  readonly oneToOne: boolean;
  readonly locked: boolean;
  readonly imageCount: number;
  readonly isPlaying: boolean;
  readonly currentImage: ShownImage | undefined;
  readonly effectiveWindow: Required<VoiWindow> | undefined;
  readonly measurements: readonly Measurement[];
  readonly canvas: HTMLCanvasElement | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  setWindowFromUser(window: VoiWindow): void;
  setOneToOneFromUser(on: boolean): void;
  selectPreset(index: number): void;
  imagePointAt(clientX: number, clientY: number): { x: number; y: number } | undefined;
  imageToCss(): Affine | undefined;
  geometry(): ViewGeometry;
  addMeasurement(measurement: Measurement): void;
  deleteMeasurement(id: string): void;
  reset(): void;
  play(): void;
  stop(): void;
}

/** CSS pixels per image pixel right now (resolves 'fit'). */
export function currentCssScale(host: ToolHost): number {
  const m = host.imageToCss();
  return m ? Math.hypot(m.a, m.b) : 1;
}

/** Zooms by `factor` keeping the image point under (x, y) — viewport CSS pixels — in place. */
export function zoomAround(host: ToolHost, factor: number, x: number, y: number): void {
  if (host.locked) return;
  const scale = currentCssScale(host);
  // A zoom leaves 1:1 mode, from the 1:1 scale and pan on screen.
  host.setOneToOneFromUser(false);
  const next = Math.min(Math.max(scale * factor, 0.02), 64);
  const f = next / scale;
  const cx = host.clientWidth / 2;
  const cy = host.clientHeight / 2;
  host.pan = { x: x - cx - f * (x - cx - host.pan.x), y: y - cy - f * (y - cy - host.pan.y) };
  host.scale = next;
}

/** A stack index kept inside the stack. */
export function clampIndex(host: ToolHost, index: number): number {
  return Math.min(Math.max(index, 0), Math.max(host.imageCount - 1, 0));
}
