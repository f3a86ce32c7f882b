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
    /**
     * The sample writers and readers decode() picks from (src/decoder.ts): the one-sample ones,
     * and the interleaved three-sample ones it uses only for 8-bit colour.
     */
    outputSingle(pred: number[]): void;
    outputRGB(pred: number[]): void;
    setValue8(index: number, value: number): void;
    getValue8(index: number): number;
    setValueRGB(index: number, value: number, component?: number): void;
    getValueRGB(index: number, component: number): number;
  }
}
