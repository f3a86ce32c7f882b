import type { DecodedFrame, GrayscalePixels } from '../dicom/decoded-frame.js';
import { LUT_TEXTURE_WIDTH, type SamplerKind } from './webgl2-shaders.js';

interface TextureFormat {
  readonly internalFormat: number;
  readonly format: number;
  readonly type: number;
  readonly sampler: SamplerKind;
}

/** Integer formats keep stored values exact; Float64 has no texture format and is narrowed. */
export function textureFormatOf(gl: WebGL2RenderingContext, frame: DecodedFrame): TextureFormat {
  if (frame.samplesPerPixel === 3) {
    return { internalFormat: gl.RGB8, format: gl.RGB, type: gl.UNSIGNED_BYTE, sampler: 'rgb' };
  }
  const pixels = frame.pixels;
  if (pixels instanceof Uint8Array) return integer(gl.R8UI, gl.UNSIGNED_BYTE, 'uint');
  if (pixels instanceof Int8Array) return integer(gl.R8I, gl.BYTE, 'int');
  if (pixels instanceof Uint16Array) return integer(gl.R16UI, gl.UNSIGNED_SHORT, 'uint');
  if (pixels instanceof Int16Array) return integer(gl.R16I, gl.SHORT, 'int');
  if (pixels instanceof Uint32Array) return integer(gl.R32UI, gl.UNSIGNED_INT, 'uint');
  if (pixels instanceof Int32Array) return integer(gl.R32I, gl.INT, 'int');
  return { internalFormat: gl.R32F, format: gl.RED, type: gl.FLOAT, sampler: 'float' };

  function integer(internalFormat: number, type: number, sampler: SamplerKind): TextureFormat {
    return { internalFormat, format: gl.RED_INTEGER, type, sampler };
  }
}

export function uploadablePixels(frame: DecodedFrame): Exclude<GrayscalePixels, Float64Array> {
  return frame.pixels instanceof Float64Array ? Float32Array.from(frame.pixels) : frame.pixels;
}

export interface Tile {
  /** The image rectangle this tile draws. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The rectangle its texture holds: the drawn one plus a one-pixel apron inside the image. */
  readonly textureX: number;
  readonly textureY: number;
  readonly textureWidth: number;
  readonly textureHeight: number;
  readonly texture: WebGLTexture;
}

/**
 * Splits the frame into textures no larger than `maxSize` (mammograms exceed
 * MAX_TEXTURE_SIZE on weak GPUs) and uploads each sub-rectangle straight from the
 * frame's buffer with UNPACK_ROW_LENGTH / SKIP_*, without copying it on the CPU.
 * Tiles overlap by one pixel so that linear interpolation at a seam mixes the neighbouring
 * tile's pixels rather than repeating its own edge (a visible line when zoomed).
 */
export function uploadTiles(
  gl: WebGL2RenderingContext,
  frame: DecodedFrame,
  maxSize: number,
): Tile[] {
  const format = textureFormatOf(gl, frame);
  const pixels = uploadablePixels(frame);
  const tiles: Tile[] = [];
  const fits = frame.columns <= maxSize && frame.rows <= maxSize;
  // Room for the apron on both sides keeps every texture within maxSize.
  const step = fits ? maxSize : Math.max(maxSize - 2, 1);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  gl.pixelStorei(gl.UNPACK_ROW_LENGTH, frame.columns);
  for (let y = 0; y < frame.rows; y += step) {
    for (let x = 0; x < frame.columns; x += step) {
      const width = Math.min(step, frame.columns - x);
      const height = Math.min(step, frame.rows - y);
      const textureX = Math.max(x - 1, 0);
      const textureY = Math.max(y - 1, 0);
      const textureWidth = Math.min(x + width + 1, frame.columns) - textureX;
      const textureHeight = Math.min(y + height + 1, frame.rows) - textureY;
      const texture = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, texture);
      setNearest(gl);
      gl.texStorage2D(gl.TEXTURE_2D, 1, format.internalFormat, textureWidth, textureHeight);
      gl.pixelStorei(gl.UNPACK_SKIP_PIXELS, textureX);
      gl.pixelStorei(gl.UNPACK_SKIP_ROWS, textureY);
      gl.texSubImage2D(
        gl.TEXTURE_2D,
        0,
        0,
        0,
        textureWidth,
        textureHeight,
        format.format,
        format.type,
        pixels,
      );
      tiles.push({ x, y, width, height, textureX, textureY, textureWidth, textureHeight, texture });
    }
  }
  gl.pixelStorei(gl.UNPACK_ROW_LENGTH, 0);
  gl.pixelStorei(gl.UNPACK_SKIP_PIXELS, 0);
  gl.pixelStorei(gl.UNPACK_SKIP_ROWS, 0);
  return tiles;
}

/** A LUT as an R32F texture LUT_TEXTURE_WIDTH wide (one row cannot hold 65536 entries). */
export function uploadLut(
  gl: WebGL2RenderingContext,
  data: Float32Array,
  texture: WebGLTexture | null,
): WebGLTexture {
  const target = texture ?? gl.createTexture();
  const height = Math.max(1, Math.ceil(data.length / LUT_TEXTURE_WIDTH));
  const padded = new Float32Array(LUT_TEXTURE_WIDTH * height);
  padded.set(data);
  gl.bindTexture(gl.TEXTURE_2D, target);
  setNearest(gl);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.R32F, LUT_TEXTURE_WIDTH, height, 0, gl.RED, gl.FLOAT, padded);
  return target;
}

function setNearest(gl: WebGL2RenderingContext): void {
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
}
