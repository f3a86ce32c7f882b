import type { DragToolDefinition } from './tool-definition.js';

/** Drag right to widen the window, down to raise its centre; fires `cb-voi-change`. */
export const windowLevel: DragToolDefinition<'windowLevel'> = {
  id: 'windowLevel',
  kind: 'drag',
  key: 'w',
  move(host, { dx, dy }) {
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
  },
};
