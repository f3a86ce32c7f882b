/**
 * What a Grayscale Softcopy Presentation State asks of one image (PS3.4 N.2): its own Modality
 * LUT and VOI LUT for this image, the Presentation LUT shape, the spatial transformation, the
 * displayed area, shutters and the annotations of this image in layer order.
 */
import type {
  DisplayedArea,
  GraphicAnnotation,
  GraphicLayer,
  PresentationState,
  Shutters,
} from '../dicom/presentation-state-model.js';
import { appliesTo, inScope } from '../dicom/presentation-state-model.js';
import { readLutTable } from './lut-data.js';
import type { ModalityLut } from './modality-lut.js';
import type { Rotation, Surface, ViewGeometry } from './view-transform.js';
import { voiPresetsOf, type VoiTransform } from './voi-lut.js';

export interface AppliedPresentation {
  readonly state: PresentationState;
  /** Replaces the image's Modality LUT (PS3.3 C.11.1); undefined: the image's stays. */
  readonly modality: ModalityLut | undefined;
  /** The Softcopy VOI LUT item for this image (C.11.8); undefined: identity is not implied, the header's stays. */
  readonly voi: VoiTransform | undefined;
  /** Presentation LUT Shape INVERSE (C.11.6): replaces MONOCHROME1 handling, which the GSPS has already decided. */
  readonly inverse: boolean;
  /** As the viewport holds it: flip first, then clockwise rotation (see `viewOrientation`). */
  readonly rotation: Rotation;
  readonly flipHorizontal: boolean;
  readonly displayedArea: DisplayedArea | undefined;
  readonly shutters: Shutters | undefined;
  /** This image's annotations with their layers, lowest Graphic Layer Order first. */
  readonly annotations: readonly { layer: GraphicLayer; annotation: GraphicAnnotation }[];
}

/**
 * Resolves `state` for one image (SOP Instance UID, 1-based frame); undefined when the state does
 * not reference it. `modalitySigned`: whether modality values can be negative (LUT first values).
 */
export function presentationFor(
  state: PresentationState,
  sopInstanceUid: string,
  frame: number,
  modalitySigned: boolean,
): AppliedPresentation | undefined {
  if (!appliesTo(state, sopInstanceUid, frame)) return undefined;
  const here = <T extends { images: PresentationState['voi'][number]['images'] }>(
    items: readonly T[],
  ): T | undefined => items.find((item) => inScope(item.images, sopInstanceUid, frame));
  const voiItem = here(state.voi);
  const voi = voiItem ? voiPresetsOf(voiItem.item, modalitySigned)[0]?.voi : undefined;
  const layers = new Map(state.layers.map((layer) => [layer.name, layer]));
  const annotations = state.annotations
    .filter((annotation) => inScope(annotation.images, sopInstanceUid, frame))
    .flatMap((annotation) => {
      const layer = layers.get(annotation.layer);
      return layer ? [{ layer, annotation }] : [];
    })
    .sort((a, b) => a.layer.order - b.layer.order);
  return {
    state,
    modality: modalityOf(state),
    voi,
    inverse: 'shape' in state.presentationLut && state.presentationLut.shape === 'INVERSE',
    ...viewOrientation(state.rotation, state.flipHorizontal),
    displayedArea: here(state.displayedAreas),
    shutters: state.shutters,
    annotations,
  };
}

function modalityOf(state: PresentationState): ModalityLut | undefined {
  const modality = state.modality;
  if (!modality) return undefined;
  if (modality.kind === 'rescale')
    return {
      kind: 'rescale',
      slope: modality.slope,
      intercept: modality.intercept,
      unit: modality.type,
    };
  const table = readLutTable(modality.item, false);
  return table ? { kind: 'table', table, unit: undefined } : undefined;
}

/**
 * PS3.3 C.10.6.1: rotate clockwise, then flip horizontally in display space. The viewport flips in
 * image space then rotates; flipping after a rotation θ is flipping before a rotation −θ.
 */
export function viewOrientation(
  rotation: Rotation,
  flip: boolean,
): { rotation: Rotation; flipHorizontal: boolean } {
  if (!flip) return { rotation, flipHorizontal: false };
  return { rotation: ((360 - rotation) % 360) as Rotation, flipHorizontal: true };
}

/** CSS pixels per millimetre: CSS defines 96 px to the inch (CSS Values 4 §6.2). */
export const CSS_PIXELS_PER_MM = 96 / 25.4;

/** The displayed area in image coordinates (corner of pixel 1,1 at 0,0), PS3.3 C.10.4. */
export function areaBounds(area: DisplayedArea): {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
} {
  // Corners name pixels (1-based, inclusive); they may lie outside the image (C.10.4.1.1).
  return {
    x0: area.topLeft.x - 1,
    y0: area.topLeft.y - 1,
    x1: area.bottomRight.x,
    y1: area.bottomRight.y,
  };
}

/**
 * The viewport geometry that shows `area` centred (PS3.3 C.10.4.1.1): SCALE TO FIT fits it to the
 * surface, TRUE SIZE makes one mm of Presentation Pixel Spacing one CSS mm, MAGNIFY puts
 * Presentation Pixel Magnification Ratio display (device) pixels on each image pixel. `pan` is
 * the reader's offset on top. Non-square Presentation Pixel Aspect Ratio is not applied.
 */
export function displayedAreaGeometry(
  area: DisplayedArea,
  orientation: Pick<ViewGeometry, 'rotation' | 'flipHorizontal' | 'flipVertical'>,
  surface: Surface,
  image: { readonly columns: number; readonly rows: number },
  pan: { readonly x: number; readonly y: number },
): ViewGeometry {
  const { x0, y0, x1, y1 } = areaBounds(area);
  const quarter = orientation.rotation === 90 || orientation.rotation === 270;
  const width = Math.abs(quarter ? y1 - y0 : x1 - x0) || 1;
  const height = Math.abs(quarter ? x1 - x0 : y1 - y0) || 1;
  let scale: number;
  if (area.sizeMode === 'TRUE SIZE') scale = (area.pixelSpacing?.[1] ?? 1) * CSS_PIXELS_PER_MM;
  else if (area.sizeMode === 'MAGNIFY')
    scale = (area.magnification ?? 1) / (surface.devicePixelRatio || 1);
  else {
    const fit = Math.min(surface.width / width, surface.height / height);
    scale = Number.isFinite(fit) && fit > 0 ? fit : 1;
  }
  // The area's centre, as an offset from the image centre, goes where the image centre would
  // (the same scale · rotation · flip as view-transform.ts imageToDevice).
  const vx = (x0 + x1) / 2 - image.columns / 2;
  const vy = (y0 + y1) / 2 - image.rows / 2;
  const radians = (orientation.rotation * Math.PI) / 180;
  const cos = Math.round(Math.cos(radians));
  const sin = Math.round(Math.sin(radians));
  const fx = orientation.flipHorizontal ? -1 : 1;
  const fy = orientation.flipVertical ? -1 : 1;
  const mx = scale * (cos * fx * vx - sin * fy * vy);
  const my = scale * (sin * fx * vx + cos * fy * vy);
  return {
    scale,
    pan: { x: pan.x - mx, y: pan.y - my },
    rotation: orientation.rotation,
    flipHorizontal: orientation.flipHorizontal,
    flipVertical: orientation.flipVertical,
  };
}
