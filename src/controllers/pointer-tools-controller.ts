import type { ReactiveController } from 'lit';
import type { ImagePoint, MeasurementKind } from '../render/measurement.js';
import { createMeasurement } from './measurement-factory.js';
import { zoomAround, type ToolHost, type ToolName } from './tool-host.js';

export type { ToolName } from './tool-host.js';

interface Drag {
  readonly tool: ToolName;
  readonly pointerId: number;
  lastX: number;
  lastY: number;
  readonly start: ImagePoint | undefined;
  scrollRemainder: number;
}

const MEASURING: ReadonlySet<ToolName> = new Set(['length', 'angle', 'rectangle', 'ellipse']);

/**
 * Mouse, pen and touch on one code path (Pointer Events): the primary button runs
 * `host.tool`, the middle button pans, the secondary zooms; two touches pinch-zoom and pan.
 * The wheel scrolls the stack, or zooms with Ctrl (trackpad pinch arrives as Ctrl+wheel).
 */
export class PointerToolsController implements ReactiveController {
  /** A measurement being drawn, in image coordinates (the overlay shows it). */
  draft: { kind: MeasurementKind; points: ImagePoint[] } | undefined;
  /** Magnifier position in viewport CSS pixels while the lens is held. */
  lens: { x: number; y: number } | undefined;
  private drag: Drag | undefined;
  private readonly touches = new Map<number, { x: number; y: number }>();
  private pinch: { distance: number; midX: number; midY: number } | undefined;
  private lensCanvas: HTMLCanvasElement | undefined;

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
    const tool: ToolName =
      event.button === 1 ? 'pan' : event.button === 2 ? 'zoom' : this.host.tool;
    try {
      this.host.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events have no active pointer to capture; the drag still works.
    }
    const start = this.host.imagePointAt(event.clientX, event.clientY);
    this.drag = {
      tool,
      pointerId: event.pointerId,
      lastX: event.clientX,
      lastY: event.clientY,
      start,
      scrollRemainder: 0,
    };
    if (tool === 'angle' && start) {
      // An angle takes three points: two drags share the vertex (A→vertex, then vertex→B by click).
      if (this.draft?.kind === 'angle' && this.draft.points.length === 2)
        this.draft.points.push(start);
      else this.draft = { kind: 'angle', points: [start, start] };
    } else if (MEASURING.has(tool) && start) {
      this.draft = { kind: tool as MeasurementKind, points: [start, start] };
    }
    if (tool === 'magnifier') this.showLens(this.local(event));
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
    const host = this.host;
    switch (drag.tool) {
      case 'windowLevel': {
        const window = host.effectiveWindow;
        if (!window) return;
        const range = host.currentImage?.defaults.modalityRange;
        // One CSS pixel moves the window by ~1/500 of the data range (≈ 8 HU on CT).
        const step = range ? Math.max((range[1] - range[0]) / 500, 0.01) : 1;
        host.setWindowFromUser({
          windowCenter: window.windowCenter + dy * step,
          windowWidth: Math.max(window.windowWidth + dx * step, 1),
          function: window.function,
        });
        return;
      }
      case 'pan':
        host.pan = { x: host.pan.x + dx, y: host.pan.y + dy };
        return;
      case 'zoom': {
        const { x, y } = this.local(event);
        zoomAround(host, Math.exp(-dy / 100), x, y);
        return;
      }
      case 'scroll': {
        drag.scrollRemainder += dy;
        const steps = Math.trunc(drag.scrollRemainder / 8);
        if (steps !== 0) {
          drag.scrollRemainder -= steps * 8;
          host.index = clampIndex(host, host.index + steps);
        }
        return;
      }
      case 'magnifier':
        this.showLens(this.local(event));
        return;
      default: {
        const point = host.imagePointAt(event.clientX, event.clientY);
        const draft = this.draft;
        if (point && draft) {
          draft.points[draft.points.length - 1] = point;
          host.requestUpdate();
        }
      }
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
    if (drag.tool === 'magnifier') this.hideLens();
    if (draft && MEASURING.has(drag.tool)) {
      const done = draft.kind !== 'angle' || draft.points.length === 3;
      const shown = this.host.currentImage;
      if (done && shown) {
        this.draft = undefined;
        const measurement = createMeasurement(draft.kind, draft.points, shown);
        if (measurement && !degenerate(draft.points)) this.host.addMeasurement(measurement);
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

  /**
   * The magnifier copies the rendered canvas (both render paths keep their last frame), so
   * it shows exactly the displayed grey values, twice as large.
   */
  private showLens(at: { x: number; y: number }): void {
    this.lens = at;
    const source = this.host.canvas;
    if (!source) return;
    const size = 160;
    const ratio = source.width / Math.max(this.host.clientWidth, 1);
    if (!this.lensCanvas) {
      this.lensCanvas = document.createElement('canvas');
      this.lensCanvas.className = 'lens';
      this.lensCanvas.setAttribute('aria-hidden', 'true');
    }
    const lens = this.lensCanvas;
    if (!lens.isConnected) this.host.renderRoot.append(lens);
    lens.width = Math.round(size * ratio);
    lens.height = Math.round(size * ratio);
    lens.style.width = `${size}px`;
    lens.style.height = `${size}px`;
    lens.style.left = `${at.x - size / 2}px`;
    lens.style.top = `${at.y - size / 2}px`;
    const context = lens.getContext('2d');
    if (!context) return;
    const span = (size / LENS_ZOOM) * ratio;
    context.imageSmoothingEnabled = false;
    context.drawImage(
      source,
      at.x * ratio - span / 2,
      at.y * ratio - span / 2,
      span,
      span,
      0,
      0,
      lens.width,
      lens.height,
    );
  }

  private hideLens(): void {
    this.lens = undefined;
    this.lensCanvas?.remove();
  }
}

const LENS_ZOOM = 2;

function clampIndex(host: ToolHost, index: number): number {
  return Math.min(Math.max(index, 0), Math.max(host.imageCount - 1, 0));
}

function degenerate(points: readonly ImagePoint[]): boolean {
  const [first] = points;
  return !first || points.every((p) => p.x === first.x && p.y === first.y);
}
