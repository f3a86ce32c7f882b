import type { SeriesSelectEvent } from '../../events/series-select.js';
import type { ViewerSessionController } from '../../session/session-controller.js';

/**
 * A study or series chosen in the study browser: a study becomes the current one, a series goes
 * into the active cell (the first cell when none is active).
 */
export function placeSelection(
  event: SeriesSelectEvent,
  sessions: ViewerSessionController,
  activeCellId: number | undefined,
): void {
  const { studyInstanceUid, seriesInstanceUid } = event.detail;
  if (seriesInstanceUid === undefined) {
    sessions.selectStudy(studyInstanceUid);
    return;
  }
  const cellId = activeCellId ?? sessions.session?.grid.cells[0]?.id;
  if (cellId !== undefined) sessions.place(cellId, studyInstanceUid, seriesInstanceUid);
}
