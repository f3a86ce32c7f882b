// What a screening bench page leaves on `window` for bench/screening/run.mjs to read.

export interface ScreeningResult {
  /** Page script start → metadata of both studies in. */
  metadataMs: number;
  /** → every view drawn or decoded at least coarsely (a preview, or the full image if it came first). */
  previewsMs: number;
  /** → every view at full resolution. */
  fullMs: number;
  /** Views of which a preview came before the full image. */
  previews: number;
  views: number;
  /** Frame requests in the order they were sent: `s` (start) and `r` (Range header, if any). */
  requests: { path: string; range: string; at: number }[];
  /** Preview and full events in order, `P3@812` = preview of view 3 at 812 ms, `F3@…` = its full image. */
  order: string[];
  checksum: number;
}

declare global {
  interface Window {
    screeningResult?: ScreeningResult | { error: string };
  }
}

/** A page that failed says why, instead of leaving run.mjs to time out. */
export function reportFailure(error: unknown): void {
  // Cornerstone's loader rejects with the XMLHttpRequest itself.
  const message =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : error instanceof XMLHttpRequest
        ? `HTTP ${String(error.status)} from ${error.responseURL.replace(/^.*\/instances\//, '…/')}`
        : String(error);
  window.screeningResult = { error: message };
}
