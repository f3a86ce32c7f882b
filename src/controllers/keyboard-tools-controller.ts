import type { ReactiveController } from 'lit';
import type { Rotation } from '../render/view-transform.js';
import { zoomAround, type ToolHost, type ToolName } from './tool-host.js';

/** Letters that choose the primary-button tool. */
const TOOL_KEYS: Readonly<Record<string, ToolName>> = {
  w: 'windowLevel',
  p: 'pan',
  z: 'zoom',
  s: 'scroll',
  l: 'length',
  a: 'angle',
  b: 'rectangle',
  o: 'ellipse',
  g: 'magnifier',
};

/**
 * Keyboard access to every tool (the viewport is focusable): arrows/Page/Home/End scroll,
 * 1–9 apply header window presets, I invert, R/Shift+R rotate, H/V flip, +/− zoom,
 * Space plays cine, [ ] change its speed, Delete removes this image's last measurement,
 * Escape or 0 resets, letters choose the tool.
 */
export class KeyboardToolsController implements ReactiveController {
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
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (this.handle(event)) event.preventDefault();
  };

  private handle(event: KeyboardEvent): boolean {
    const host = this.host;
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
    }
    const tool = TOOL_KEYS[key.toLowerCase()];
    if (tool) {
      host.tool = tool;
      return true;
    }
    return false;
  }

  private deleteLastMeasurement(): boolean {
    const shown = this.host.currentImage;
    if (!shown) return false;
    const sop = shown.image.dataset.string(0x00080018);
    const mine = this.host.measurements.filter(
      (m) => m.sopInstanceUid === sop && m.frame === shown.image.frame,
    );
    const last = mine[mine.length - 1];
    if (!last) return false;
    this.host.deleteMeasurement(last.id);
    return true;
  }
}
