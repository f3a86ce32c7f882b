// jpeg-lossless-decoder-js 2.x names release/lossless.d.ts in package.json but does not ship it.
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    constructor(buffer?: ArrayBuffer | null, numBytes?: number);
    /** Output typed by precision: Uint8Array for ≤ 8 bits, Uint16Array above; interleaved when 3 components. */
    decode(
      buffer: ArrayBuffer,
      offset?: number,
      length?: number,
      numBytes?: number,
    ): Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
    numComp: number;
    precision: number | undefined;
    xDim: number;
    yDim: number;
  }
}
