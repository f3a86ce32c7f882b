import type { ReactiveController } from 'lit';
import type { ImagePoint } from '../render/measurement.js';
import { createMeasurement } from './measurement-factory.js';
import { clampIndex, zoomAround, type ToolHost } from './tool-host.js';
import {
  nextStroke,
  pointCount,
  type MeasurementDraft,
  type ToolDefinition,
} from './tools/tool-definition.js';
import { BUTTON_TOOLS, toolNamed } from './tools/tools.js';
import { lockedButtonTool } from './display-lock.js';

interface Drag {
  readonly tool: ToolDefinition;
  readonly pointerId: number;
  lastX: number;
  lastY: number;
  carry: number;
}

/**
 * Mouse, pen and touch on one code path (Pointer Events): the primary button runs
 * `host.tool`, the middle button pans, the secondary zooms; two touches pinch-zoom and pan.
 * The wheel scrolls the stack, or zooms with Ctrl (trackpad pinch arrives as Ctrl+wheel).
 */
export class PointerToolsController implements ReactiveController {
  /** A measurement being drawn, in image coordinates (the overlay shows it). */
  draft: MeasurementDraft | undefined;
  private drag: Drag | undefined;
  private readonly touches = new Map<number, { x: number; y: number }>();
  private pinch: { distance: number; midX: number; midY: number } | undefined;

  constructor(private readonly host: ToolHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.onPointerDown);
    this.host.addEventListener('pointermove', this.onPointerMove);
    this.host.addEventListener('pointerup', this.onPointerUp);
    this.host.addEventListener('pointercancel', this.onPointerUp);
    this.host.addEventListener('wheel', this.onWheel, { passive: false });
    this.host.addEventListener('contextmenu', this.onContextMenu);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.onPointerDown);
    this.host.removeEventListener('pointermove', this.onPointerMove);
    this.host.removeEventListener('pointerup', this.onPointerUp);
    this.host.removeEventListener('pointercancel', this.onPointerUp);
    this.host.removeEventListener('wheel', this.onWheel);
    this.host.removeEventListener('contextmenu', this.onContextMenu);
  }

  private local(event: { clientX: number; clientY: number }): { x: number; y: number } {
    const box = this.host.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    this.host.focus({ preventScroll: true });
    if (event.pointerType === 'touch') {
      this.touches.set(event.pointerId, this.local(event));
      if (this.touches.size === 2) {
        this.drag = undefined;
        this.draft = undefined;
        this.pinch = this.pinchState();
        return;
      }
    }
    if (this.touches.size > 2) return;
    const tool = this.host.locked
      ? lockedButtonTool(event.button)
      : (BUTTON_TOOLS[event.button] ?? toolNamed(this.host.tool));
    if (!tool) return;
    try {
      this.host.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events have no active pointer to capture; the drag still works.
    }
    this.drag = {
      tool,
      pointerId: event.pointerId,
      lastX: event.clientX,
      lastY: event.clientY,
      carry: 0,
    };
    if (tool.kind === 'measurement') {
      const start = this.host.imagePointAt(event.clientX, event.clientY);
      // A tool of several strokes (the angle) continues its draft; any other press starts anew.
      const draft = this.draft?.tool === tool ? this.draft : undefined;
      const adding = nextStroke(tool, draft?.points.length ?? 0);
      if (start && draft && adding > 0) draft.points.push(...copies(start, adding));
      else if (start) this.draft = { tool, points: copies(start, nextStroke(tool, 0)) };
    } else {
      tool.press?.(this.host, this.local(event));
    }
    event.preventDefault();
    this.host.requestUpdate();
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (event.pointerType === 'touch' && this.touches.has(event.pointerId)) {
      this.touches.set(event.pointerId, this.local(event));
      if (this.pinch && this.touches.size === 2) {
        const next = this.pinchState();
        if (next) {
          this.host.pan = {
            x: this.host.pan.x + next.midX - this.pinch.midX,
            y: this.host.pan.y + next.midY - this.pinch.midY,
          };
          zoomAround(this.host, next.distance / this.pinch.distance, next.midX, next.midY);
          this.pinch = next;
        }
        return;
      }
    }
    const drag = this.drag;
    if (drag?.pointerId !== event.pointerId) return;
    const dx = event.clientX - drag.lastX;
    const dy = event.clientY - drag.lastY;
    drag.lastX = event.clientX;
    drag.lastY = event.clientY;
    this.apply(drag, dx, dy, event);
  };

  private apply(drag: Drag, dx: number, dy: number, event: PointerEvent): void {
    if (drag.tool.kind === 'drag') {
      const motion = { dx, dy, ...this.local(event), carry: drag.carry };
      drag.tool.move(this.host, motion);
      drag.carry = motion.carry;
      return;
    }
    const point = this.host.imagePointAt(event.clientX, event.clientY);
    const draft = this.draft;
    if (point && draft) {
      draft.points[draft.points.length - 1] = point;
      this.host.requestUpdate();
    }
  }

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (event.pointerType === 'touch') {
      this.touches.delete(event.pointerId);
      if (this.touches.size < 2) this.pinch = undefined;
    }
    const drag = this.drag;
    if (drag?.pointerId !== event.pointerId) return;
    this.drag = undefined;
    const draft = this.draft;
    if (drag.tool.kind === 'drag') drag.tool.release?.(this.host);
    else if (draft && draft.points.length >= pointCount(draft.tool)) {
      const shown = this.host.currentImage;
      if (shown) {
        this.draft = undefined;
        const measurement = createMeasurement(draft.tool, draft.points, shown);
        if (measurement) this.host.addMeasurement(measurement);
      }
    }
    this.host.requestUpdate();
  };

  private readonly onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) {
      const { x, y } = this.local(event);
      zoomAround(this.host, Math.exp(-event.deltaY / 300), x, y);
      return;
    }
    if (event.deltaY === 0) return;
    this.host.index = clampIndex(this.host, this.host.index + Math.sign(event.deltaY));
  };

  private readonly onContextMenu = (event: Event): void => {
    event.preventDefault();
  };

  private pinchState(): { distance: number; midX: number; midY: number } | undefined {
    const [a, b] = [...this.touches.values()];
    if (!a || !b) return undefined;
    return {
      distance: Math.max(Math.hypot(b.x - a.x, b.y - a.y), 1),
      midX: (a.x + b.x) / 2,
      midY: (a.y + b.y) / 2,
    };
  }
}

function copies(point: ImagePoint, count: number): ImagePoint[] {
  return Array.from({ length: count }, () => point);
}
