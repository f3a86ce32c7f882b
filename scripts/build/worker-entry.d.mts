import type { Plugin } from 'vite';

export interface WorkerEntry {
  readonly bundled: RegExp;
  readonly canonical: string;
  readonly output: string;
}
export declare const WORKERS: readonly WorkerEntry[];
export declare function libraryWorker(workers?: readonly WorkerEntry[]): Plugin;
export declare function standaloneWorker(workers?: readonly WorkerEntry[]): Plugin;
