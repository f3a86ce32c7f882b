import type { ReactiveController } from 'lit';
import type { ImagePoint } from '../render/measurement.js';
import { apply, invert, type Rotation } from '../render/view-transform.js';
import { createMeasurement } from './measurement-factory.js';
import { zoomAround, type ToolHost } from './tool-host.js';
import { pointCount, type MeasurementDraft } from './tools/tool-definition.js';
import { toolForKey, toolNamed } from './tools/tools.js';
import { SOPInstanceUID } from '../dicom/tags.generated.js';
import { allowedWhenLocked } from './display-lock.js';

/**
 * Keyboard access to every tool (the viewport is focusable):
 * - Arrows, Page Up/Down, Home/End scroll the stack.
 * - Shift+←/→ narrow/widen the window, Shift+↑/↓ raise/lower its centre, by 5 % of the width
 *   (modality units, so the step suits CT and mammography alike); fires `cb-voi-change`.
 * - Ctrl+Arrows (or Alt+Arrows, as macOS keeps Ctrl+Arrows) pan by 20 CSS pixels, by 90 % of
 *   the viewport in 1:1 mode.
 * - X turns 1:1 mode (one stored pixel per device pixel) on or off.
 * - A locked viewport (console QC) answers only the stack keys and Ctrl/Alt+Arrows.
 * - 1–9 apply header window presets, I inverts, R/Shift+R rotate, H/V flip, +/− zoom,
 *   Space plays or stops cine, [ ] change its speed, Escape or 0 resets, letters choose the tool.
 * - With a measurement tool (L, A, B, O …): Enter shows a cross at the image centre (or where
 *   the last one ended), arrows move it by 8 CSS pixels (Shift+arrows by 1), Enter places each
 *   point (as many as the tool takes: two for a length, three for an angle), Escape cancels.
 * - Delete or Backspace removes this image's last measurement.
 */
export class KeyboardToolsController implements ReactiveController {
  /** The measurement being placed from the keyboard; its last point follows the arrows. */
  draft: MeasurementDraft | undefined;
  private cursor: ImagePoint | undefined;
  private cursorImage: unknown;

  constructor(private readonly host: ToolHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeyDown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeyDown);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const arrow = ARROWS[event.key];
    let handled: boolean;
    if (event.metaKey || (this.host.locked && !allowedWhenLocked(event))) handled = false;
    else if (event.ctrlKey || event.altKey) handled = arrow ? this.panBy(arrow) : false;
    else handled = this.handleDrawing(event) || this.handle(event);
    if (handled) event.preventDefault();
  };

  /** At 1:1 a press moves most of a viewport, so a few presses walk over a whole mammogram. */
  private panBy([dx, dy]: readonly [number, number]): true {
    const host = this.host;
    const stepX = host.oneToOne ? host.clientWidth * PAGE_PAN : PAN_STEP;
    const stepY = host.oneToOne ? host.clientHeight * PAGE_PAN : PAN_STEP;
    host.pan = { x: host.pan.x + dx * stepX, y: host.pan.y + dy * stepY };
    return true;
  }

  private handle(event: KeyboardEvent): boolean {
    const host = this.host;
    const arrow = ARROWS[event.key];
    if (event.shiftKey && arrow) return this.windowBy(arrow);
    const last = Math.max(host.imageCount - 1, 0);
    const go = (index: number): true => {
      host.index = Math.min(Math.max(index, 0), last);
      return true;
    };
    const key = event.key;
    switch (key) {
      case 'ArrowDown':
      case 'ArrowRight':
        return go(host.index + 1);
      case 'ArrowUp':
      case 'ArrowLeft':
        return go(host.index - 1);
      case 'PageDown':
        return go(host.index + 10);
      case 'PageUp':
        return go(host.index - 10);
      case 'Home':
        return go(0);
      case 'End':
        return go(last);
      case ' ':
        if (host.isPlaying) host.stop();
        else host.play();
        return true;
      case '[':
        host.cineFps = Math.max(1, host.cineFps - 1);
        return true;
      case ']':
        host.cineFps = Math.min(120, host.cineFps + 1);
        return true;
      case '+':
      case '=':
        zoomAround(host, 1.25, host.clientWidth / 2, host.clientHeight / 2);
        return true;
      case '-':
        zoomAround(host, 0.8, host.clientWidth / 2, host.clientHeight / 2);
        return true;
      case 'Escape':
      case '0':
        host.reset();
        return true;
      case 'Delete':
      case 'Backspace':
        return this.deleteLastMeasurement();
    }
    if (/^[1-9]$/.test(key)) {
      host.selectPreset(Number(key) - 1);
      return true;
    }
    switch (key.toLowerCase()) {
      case 'i':
        host.invert = !host.invert;
        return true;
      case 'r':
        host.rotation = ((host.rotation + (event.shiftKey ? 270 : 90)) % 360) as Rotation;
        return true;
      case 'h':
        host.flipHorizontal = !host.flipHorizontal;
        return true;
      case 'v':
        host.flipVertical = !host.flipVertical;
        return true;
      case 'x':
        host.setOneToOneFromUser(!host.oneToOne);
        return true;
    }
    const tool = toolForKey(key.toLowerCase());
    if (tool) {
      host.tool = tool.id;
      this.cancelDraft();
      return true;
    }
    return false;
  }

  private deleteLastMeasurement(): boolean {
    const shown = this.host.currentImage;
    if (!shown) return false;
    const sop = shown.image.dataset.string(SOPInstanceUID);
    const mine = this.host.measurements.filter(
      (m) => m.sopInstanceUid === sop && m.frame === shown.image.frame,
    );
    const last = mine[mine.length - 1];
    if (!last) return false;
    this.host.deleteMeasurement(last.id);
    return true;
  }

  /** ←/→ change the width, ↑/↓ the centre, by a twentieth of the width in force. */
  private windowBy([dx, dy]: readonly [number, number]): boolean {
    const window = this.host.effectiveWindow;
    if (!window) return false;
    const step = Math.max(window.windowWidth * 0.05, 0.01);
    this.host.setWindowFromUser({
      windowCenter: window.windowCenter - dy * step,
      windowWidth: Math.max(window.windowWidth + dx * step, 1),
      function: window.function,
    });
    return true;
  }

  /** Enter, arrows and Escape while a measurement tool is active (see the class header). */
  private handleDrawing(event: KeyboardEvent): boolean {
    const host = this.host;
    const tool = toolNamed(host.tool);
    const shown = host.currentImage;
    if (tool?.kind !== 'measurement' || !shown) {
      this.cancelDraft();
      return false;
    }
    if (this.draft && this.cursorImage !== shown.image) this.cancelDraft();
    const draft = this.draft;
    if (event.key === 'Enter') {
      if (!draft) {
        const start = this.cursorImage === shown.image ? this.cursor : undefined;
        const centre = { x: shown.frame.columns / 2, y: shown.frame.rows / 2 };
        this.draft = { tool, points: [start ?? centre] };
        this.cursorImage = shown.image;
      } else {
        const last = draft.points[draft.points.length - 1];
        if (last && draft.points.length < pointCount(draft.tool)) draft.points.push({ ...last });
        else this.finish(draft);
      }
      host.requestUpdate();
      return true;
    }
    if (!draft) return false;
    if (event.key === 'Escape') {
      this.cancelDraft();
      return true;
    }
    const arrow = ARROWS[event.key];
    if (!arrow) return false;
    this.moveCursor(draft, arrow, event.shiftKey ? 1 : CURSOR_STEP);
    return true;
  }

  /** Moves the draft's last point in screen directions, so rotation and flips feel natural. */
  private moveCursor(
    draft: MeasurementDraft,
    [dx, dy]: readonly [number, number],
    step: number,
  ): void {
    const m = this.host.imageToCss();
    const shown = this.host.currentImage;
    const i = draft.points.length - 1;
    const point = draft.points[i];
    if (!m || !shown || !point) return;
    const css = apply(m, point.x, point.y);
    const moved = apply(invert(m), css.x + dx * step, css.y + dy * step);
    draft.points[i] = {
      x: Math.min(Math.max(moved.x, 0), shown.frame.columns),
      y: Math.min(Math.max(moved.y, 0), shown.frame.rows),
    };
    this.host.requestUpdate();
  }

  private finish(draft: MeasurementDraft): void {
    const shown = this.host.currentImage;
    this.draft = undefined;
    this.cursor = draft.points[draft.points.length - 1];
    if (!shown) return;
    const measurement = createMeasurement(draft.tool, draft.points, shown);
    if (measurement) this.host.addMeasurement(measurement);
  }

  private cancelDraft(): void {
    if (!this.draft) return;
    this.draft = undefined;
    this.host.requestUpdate();
  }
}

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** CSS pixels per Ctrl/Alt+Arrow press. */
const PAN_STEP = 20;
/** In 1:1 mode, the part of the viewport a Ctrl/Alt+Arrow press pans (some overlap is kept). */
const PAGE_PAN = 0.9;
/** CSS pixels per arrow press while placing a measurement point. */
const CURSOR_STEP = 8;
