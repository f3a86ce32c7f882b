import type { Plugin } from 'vite';

export declare const CODEC_PACKAGE: RegExp;
export declare const CODEC_GLUE: RegExp;
export declare function codecGlueToEsm(code: string, id: string): Promise<string>;
export declare function codecGlueEsm(): Plugin;
