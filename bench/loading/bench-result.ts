// What a loading bench page leaves on `window` for bench/loading/run.mjs to read (page.evaluate).

export interface LoadingResult {
  /** From page script start (`startedMs`) to the middle slice decoded. */
  firstMs: number;
  /** Page script start, from the navigation (performance.now()). */
  startedMs?: number;
  allMs: number;
  frames: number;
  checksum: number;
  metadataMs?: number;
  fetchedMs?: number;
  requests?: number;
  seriesRequests?: number;
}

declare global {
  interface Window {
    benchResult?: LoadingResult | { error: string };
  }
}

/** A page that failed says why, instead of leaving run.mjs to time out. */
export function reportFailure(error: unknown): void {
  window.benchResult = {
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}
