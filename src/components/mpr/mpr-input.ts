/**
 * Pointer, wheel and keyboard on `<cb-mpr>`'s panes. The primary button does what the tool
 * says; the wheel (and ArrowUp/ArrowDown, PageUp/PageDown) scrolls the pane's plane along its
 * normal; `[` and `]` rotate the other two planes about this one's normal (obliques); `+`/`-`
 * zoom; letters choose tools as in the stack viewer. Pointer events cover mouse, pen and touch.
 */
import type { MprPlaneName } from '../../events/mpr-rendered.js';
import { planeNormal } from '../../volume/standard-planes.js';
import { norm, sub, type Vec3 } from '../../volume/vec3.js';
import { othersOf, type PaneMapping, type PaneView, type PlaneAxesSet } from './mpr-geometry.js';
import type { MprWindow } from './mpr-paint.js';

export type MprTool = 'crosshair' | 'windowLevel' | 'pan' | 'zoom' | 'length' | 'rotate';

export const MPR_TOOLS: readonly MprTool[] = [
  'crosshair',
  'windowLevel',
  'pan',
  'zoom',
  'length',
  'rotate',
];

const TOOL_KEYS: Readonly<Record<string, MprTool>> = {
  c: 'crosshair',
  w: 'windowLevel',
  p: 'pan',
  z: 'zoom',
  l: 'length',
  o: 'rotate',
};

/** Degrees a `[` or `]` key turns the planes. */
export const ROTATION_STEP = 5;

export interface MprInputHost extends HTMLElement {
  tool: MprTool;
  crosshair: Vec3;
  readonly planeAxes: PlaneAxesSet;
  readonly effectiveWindow: MprWindow | undefined;
  mappingOf(name: MprPlaneName): PaneMapping | undefined;
  viewOf(name: MprPlaneName): PaneView;
  setView(name: MprPlaneName, view: PaneView): void;
  scrollPlane(name: MprPlaneName, steps: number): void;
  rotate(axis: Vec3, degrees: number, planes?: readonly MprPlaneName[]): void;
  setWindowFromUser(window: MprWindow): void;
  setDraft(points: readonly Vec3[] | undefined): void;
  addLength(plane: MprPlaneName, a: Vec3, b: Vec3): void;
}

interface Drag {
  readonly name: MprPlaneName;
  readonly pointerId: number;
  x: number;
  y: number;
  readonly start: Vec3;
}

export class MprInput {
  #drag: Drag | undefined;

  constructor(private readonly host: MprInputHost) {}

  pointerDown(name: MprPlaneName, event: PointerEvent): void {
    if (event.button !== 0 || this.#drag) return;
    const pane = event.currentTarget as HTMLElement;
    pane.focus();
    try {
      pane.setPointerCapture(event.pointerId);
    } catch {
      // The pointer is already gone (lifted before this handler ran): the drag still works
      // while it stays over the pane.
    }
    const at = this.#local(pane, event);
    const mapping = this.host.mappingOf(name);
    if (!mapping) return;
    const start = mapping.toPatient(at.x, at.y, this.host.crosshair);
    this.#drag = { name, pointerId: event.pointerId, x: at.x, y: at.y, start };
    if (this.host.tool === 'crosshair') this.host.crosshair = start;
    if (this.host.tool === 'length') this.host.setDraft([start, start]);
    event.preventDefault();
  }

  pointerMove(name: MprPlaneName, event: PointerEvent): void {
    const drag = this.#drag;
    if (drag?.pointerId !== event.pointerId || drag.name !== name) return;
    const pane = event.currentTarget as HTMLElement;
    const at = this.#local(pane, event);
    const dx = at.x - drag.x;
    const dy = at.y - drag.y;
    const mapping = this.host.mappingOf(name);
    if (!mapping) return;
    const here = mapping.toPatient(at.x, at.y, this.host.crosshair);
    switch (this.host.tool) {
      case 'crosshair':
        this.host.crosshair = here;
        break;
      case 'length':
        this.host.setDraft([drag.start, here]);
        break;
      case 'windowLevel': {
        const window = this.host.effectiveWindow;
        if (window)
          this.host.setWindowFromUser({
            center: window.center + dy * Math.max(window.width / 200, 0.5),
            width: Math.max(1, window.width + dx * Math.max(window.width / 200, 0.5)),
          });
        break;
      }
      case 'pan': {
        const view = this.host.viewOf(name);
        this.host.setView(name, { ...view, pan: { x: view.pan.x + dx, y: view.pan.y + dy } });
        break;
      }
      case 'zoom': {
        const view = this.host.viewOf(name);
        this.host.setView(name, { ...view, zoom: clampZoom(view.zoom * Math.exp(-dy / 150)) });
        break;
      }
      case 'rotate': {
        // The angle swept around the crosshair on screen turns the other planes about this one's
        // normal: with y down, +angle on screen is +angle about row × column.
        const centre = mapping.toCss(this.host.crosshair);
        const before = Math.atan2(drag.y - centre.y, drag.x - centre.x);
        const after = Math.atan2(at.y - centre.y, at.x - centre.x);
        let delta = after - before;
        if (delta > Math.PI) delta -= 2 * Math.PI;
        if (delta < -Math.PI) delta += 2 * Math.PI;
        const axes = this.host.planeAxes[name];
        this.host.rotate(planeNormal(axes), (delta * 180) / Math.PI, othersOf(name));
        break;
      }
    }
    drag.x = at.x;
    drag.y = at.y;
  }

  pointerUp(name: MprPlaneName, event: PointerEvent): void {
    const drag = this.#drag;
    if (drag?.pointerId !== event.pointerId) return;
    this.#drag = undefined;
    if (this.host.tool !== 'length') return;
    const mapping = this.host.mappingOf(name);
    this.host.setDraft(undefined);
    if (!mapping) return;
    const at = this.#local(event.currentTarget as HTMLElement, event);
    const end = mapping.toPatient(at.x, at.y, this.host.crosshair);
    if (norm(sub(end, drag.start)) > 0) this.host.addLength(name, drag.start, end);
  }

  pointerCancel(): void {
    this.#drag = undefined;
    this.host.setDraft(undefined);
  }

  wheel(name: MprPlaneName, event: WheelEvent): void {
    if (event.deltaY === 0) return;
    event.preventDefault();
    this.host.scrollPlane(name, event.deltaY > 0 ? -1 : 1);
  }

  keyDown(name: MprPlaneName, event: KeyboardEvent): void {
    const axes = this.host.planeAxes[name];
    const view = this.host.viewOf(name);
    const tool = TOOL_KEYS[event.key.toLowerCase()];
    if (tool && !event.ctrlKey && !event.metaKey && !event.altKey) this.host.tool = tool;
    else if (event.key === 'ArrowUp' || event.key === 'PageUp') this.host.scrollPlane(name, 1);
    else if (event.key === 'ArrowDown' || event.key === 'PageDown') this.host.scrollPlane(name, -1);
    else if (event.key === ']') this.host.rotate(planeNormal(axes), ROTATION_STEP, othersOf(name));
    else if (event.key === '[') this.host.rotate(planeNormal(axes), -ROTATION_STEP, othersOf(name));
    else if (event.key === '+' || event.key === '=')
      this.host.setView(name, { ...view, zoom: clampZoom(view.zoom * 1.25) });
    else if (event.key === '-')
      this.host.setView(name, { ...view, zoom: clampZoom(view.zoom / 1.25) });
    else if (event.key === 'Escape') this.pointerCancel();
    else return;
    event.preventDefault();
  }

  #local(pane: HTMLElement, event: PointerEvent): { x: number; y: number } {
    const box = pane.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }
}

function clampZoom(zoom: number): number {
  return Math.min(Math.max(zoom, 0.1), 40);
}
