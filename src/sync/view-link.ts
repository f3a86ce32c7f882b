/**
 * Linking zoom, pan and window between cells. Each function takes the change made in the
 * source cell and returns the linked cell's new value; the viewer decides which cells are linked.
 */

export interface PanZoom {
  /** CSS pixels per image pixel. */
  readonly scale: number;
  /** Offset of the image centre from the cell centre, CSS pixels. */
  readonly pan: { readonly x: number; readonly y: number };
}

export interface LinkOptions {
  /**
   * Mirror horizontal pan, for cells that show mirror images (right and left breast facing each
   * other): moving towards one chest wall moves the other towards its own.
   */
  readonly mirrorHorizontal?: boolean;
}

/**
 * Applies the source's zoom factor and pan delta to a linked cell. Zoom is about the cell centre,
 * so the target's own pan offset scales with it; the pan delta is in screen (CSS) pixels, which
 * is the same distance in the patient for cells of one physical scale group.
 */
export function linkPanZoom(
  before: PanZoom,
  after: PanZoom,
  target: PanZoom,
  options: LinkOptions = {},
): PanZoom {
  const factor = before.scale > 0 ? after.scale / before.scale : 1;
  const deltaX = after.pan.x - before.pan.x * factor;
  const deltaY = after.pan.y - before.pan.y * factor;
  return {
    scale: target.scale * factor,
    pan: {
      x: target.pan.x * factor + (options.mirrorHorizontal === true ? -deltaX : deltaX),
      y: target.pan.y * factor + deltaY,
    },
  };
}

export interface VoiWindow {
  readonly center: number;
  readonly width: number;
}

/**
 * Window link. 'absolute' copies the window: right when both images are in the same calibrated
 * units (CT Hounsfield units after the Modality LUT, PS3.3 C.11.1). 'relative' moves the target
 * window by the same fraction of its own default window — for MR and other uncalibrated values
 * where the same number means different tissue in two series.
 */
export function linkVoi(
  source: VoiWindow,
  mode: 'absolute' | 'relative',
  sourceDefault?: VoiWindow,
  targetDefault?: VoiWindow,
): VoiWindow {
  if (
    mode === 'absolute' ||
    sourceDefault === undefined ||
    targetDefault === undefined ||
    sourceDefault.width <= 0
  ) {
    return { center: source.center, width: source.width };
  }
  const ratio = targetDefault.width / sourceDefault.width;
  return {
    center: targetDefault.center + (source.center - sourceDefault.center) * ratio,
    // PS3.3 C.11.2.1.2.1: a window narrower than 1 is not valid.
    width: Math.max(1, source.width * ratio),
  };
}
