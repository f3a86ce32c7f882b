import type { Plugin } from 'vite';

export declare function libraryWorker(workerFile: string): Plugin;
export declare function standaloneWorker(): Plugin;
