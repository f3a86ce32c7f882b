/**
 * Same physical size across cells (screening mammography): every cell of a scale group shows
 * the same number of mm per CSS pixel, chosen so that the largest image still fits its cell.
 */

export interface PhysicalImage {
  readonly columns: number;
  readonly rows: number;
  /** mm per pixel in the patient (Imager Pixel Spacing ÷ magnification for mammography). */
  readonly spacingMm: { readonly row: number; readonly column: number };
  /** A quarter turn swaps width and height on screen. */
  readonly rotation?: 0 | 90 | 180 | 270;
}

export interface CellSize {
  readonly width: number;
  readonly height: number;
}

/** The group's mm per CSS pixel: the largest of each image's fit-to-cell value. */
export function sharedMmPerCssPixel(
  images: readonly PhysicalImage[],
  cell: CellSize,
): number | undefined {
  if (!(cell.width > 0 && cell.height > 0)) return undefined;
  let shared: number | undefined;
  for (const image of images) {
    const widthMm = image.columns * image.spacingMm.column;
    const heightMm = image.rows * image.spacingMm.row;
    const quarter = image.rotation === 90 || image.rotation === 270;
    const needed = Math.max(
      (quarter ? heightMm : widthMm) / cell.width,
      (quarter ? widthMm : heightMm) / cell.height,
    );
    if (Number.isFinite(needed) && needed > 0) shared = Math.max(shared ?? 0, needed);
  }
  return shared;
}

/**
 * The viewport `scale` (CSS pixels per image pixel) that shows this image at the group's mm per
 * CSS pixel. The column spacing is used: the renderer draws square pixels, and mammography
 * detectors have square pixels (non-square spacing would need an anisotropic scale).
 */
export function cssScaleFor(spacingMm: { readonly column: number }, mmPerCssPixel: number): number {
  return spacingMm.column / mmPerCssPixel;
}
