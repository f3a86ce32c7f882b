/** Browser side of test/gsps/gsps-tools.mjs, and what the GSPS rendering tests share. */
import { executeServerCommand } from '@web/test-runner-commands';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { decodeBase64, encodeBase64 } from '../../src/dicom/base64.js';
import { readCanvas } from '../viewport/viewport-harness.js';

/** The pydicom-written test image (64×40, 12-bit, values 100 + 53·x + 7·y). */
export async function toolImage(): Promise<Uint8Array> {
  const answer = await executeServerCommand<{ image: string }, unknown>('gsps-tools', {
    action: 'image',
  });
  return decodeBase64(answer.image);
}

/** DCMTK dcmpsmk's GSPS for an image (its first window as the VOI, its shutter activated). */
export async function dcmpsmk(image: Uint8Array): Promise<Uint8Array> {
  const answer = await executeServerCommand<{ gsps: string }, unknown>('gsps-tools', {
    action: 'make',
    image: encodeBase64(image),
  });
  return decodeBase64(answer.gsps);
}

export interface Grey8 {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** DCMTK dcmp2pgm's rendering of an image through a GSPS (8-bit P-Values, top row first). */
export async function dcmp2pgm(image: Uint8Array, gsps: Uint8Array): Promise<Grey8> {
  const answer = await executeServerCommand<
    { width: number; height: number; pixels: string },
    unknown
  >('gsps-tools', { action: 'render', image: encodeBase64(image), gsps: encodeBase64(gsps) });
  return { width: answer.width, height: answer.height, pixels: decodeBase64(answer.pixels) };
}

/** What the reader sees: the image canvas with the shutter canvas composited over it (red channel). */
export function composite(viewport: CbViewport): Grey8 {
  const image = readCanvas(viewport);
  const shutter = viewport.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.shutter');
  const context = shutter?.getContext('2d');
  if (!shutter || !context) throw new Error('no shutter canvas');
  if (shutter.width !== image.width || shutter.height !== image.height)
    throw new Error(
      `shutter canvas ${String(shutter.width)}×${String(shutter.height)} is not the image canvas's size`,
    );
  const over = context.getImageData(0, 0, shutter.width, shutter.height).data;
  const pixels = new Uint8Array(image.width * image.height);
  for (let i = 0; i < pixels.length; i++) {
    const alpha = (over[i * 4 + 3] ?? 0) / 255;
    pixels[i] = Math.round((over[i * 4] ?? 0) * alpha + (image.rgba[i * 4] ?? 0) * (1 - alpha));
  }
  return { width: image.width, height: image.height, pixels };
}
