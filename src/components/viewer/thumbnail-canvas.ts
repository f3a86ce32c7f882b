/** The session's thumbnail pictures as canvases for `<cb-study-browser>`, each made once. */
import type { ThumbnailImage } from '../../session/thumbnail-image.js';

const canvases = new WeakMap<ThumbnailImage, HTMLCanvasElement>();
const maps = new WeakMap<
  ReadonlyMap<string, ThumbnailImage>,
  ReadonlyMap<string, HTMLCanvasElement>
>();

/** Memoised on the map: the session makes a new map per thumbnail, so the browser updates. */
export function thumbnailCanvases(
  images: ReadonlyMap<string, ThumbnailImage>,
): ReadonlyMap<string, HTMLCanvasElement> {
  let shown = maps.get(images);
  if (!shown) {
    shown = new Map([...images].map(([series, image]) => [series, canvasOf(image)]));
    maps.set(images, shown);
  }
  return shown;
}

function canvasOf(image: ThumbnailImage): HTMLCanvasElement {
  let canvas = canvases.get(image);
  if (canvas) return canvas;
  canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.setAttribute('aria-hidden', 'true');
  canvas.className = 'thumbnail';
  canvas
    .getContext('2d')
    ?.putImageData(
      new ImageData(new Uint8ClampedArray(image.rgba), image.width, image.height),
      0,
      0,
    );
  canvases.set(image, canvas);
  return canvas;
}
