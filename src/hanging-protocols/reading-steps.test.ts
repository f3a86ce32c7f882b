import { expect } from '@open-wc/testing';
import { hangStudies } from './hang-studies.js';
import {
  DEFAULT_READING_STEPS,
  readingStepProtocol,
  stepLabel,
  stepPositions,
  type ReadingStep,
} from './reading-steps.js';
import type { StudySummary } from './summaries.js';

type View = 'RCC' | 'LCC' | 'RMLO' | 'LMLO';

function mgStudy(uid: string, date: string, views: readonly View[]): StudySummary {
  return {
    studyInstanceUid: uid,
    studyDate: date,
    series: [
      {
        seriesInstanceUid: `${uid}.1`,
        modality: 'MG',
        bodyPartExamined: 'BREAST',
        instances: views.map((view) => ({
          sopInstanceUid: `${uid}.1.${view}`,
          laterality: view.startsWith('R') ? 'R' : 'L',
          viewPosition: view.slice(1),
          presentationIntent: 'FOR PRESENTATION',
        })),
      },
    ],
  };
}

const ALL: View[] = ['RCC', 'LCC', 'RMLO', 'LMLO'];

/** Rows of SOP Instance UIDs ('-' for an empty cell). */
function grid(step: ReadingStep, current: StudySummary, history: StudySummary[], cell?: number) {
  const protocol = readingStepProtocol(step, cell);
  const layout = hangStudies({ current, history, protocols: [protocol], protocol: protocol.id });
  if (!layout) throw new Error('not hung');
  return Array.from({ length: layout.rows }, (_, row) =>
    layout.cells
      .filter((item) => item.row === row)
      .map((item) => `${item.role}:${item.sopInstanceUid ?? '-'}`),
  );
}

describe('reading steps', () => {
  const current = mgStudy('2.25.9', '20261105', ALL);
  const older = mgStudy('2.25.7', '20221001', ALL);
  const last = mgStudy('2.25.8', '20241030', ALL);
  const history = [current, older, last];
  const [one, cc, mlo, each] = DEFAULT_READING_STEPS;

  it('hangs the four current views, then CC and MLO each under the most recent prior', () => {
    expect(grid(one!, current, history)).to.deep.equal([
      ALL.map((view) => `current:2.25.9.1.${view}`),
    ]);
    expect(grid(cc!, current, history)).to.deep.equal([
      ['prior:2.25.8.1.RCC', 'prior:2.25.8.1.LCC'],
      ['current:2.25.9.1.RCC', 'current:2.25.9.1.LCC'],
    ]);
    expect(grid(mlo!, current, history)).to.deep.equal([
      ['prior:2.25.8.1.RMLO', 'prior:2.25.8.1.LMLO'],
      ['current:2.25.9.1.RMLO', 'current:2.25.9.1.LMLO'],
    ]);
  });

  it('walks the 1:1 step view by view, each alone', () => {
    expect(each!.oneToOne).to.equal(true);
    ALL.forEach((view, cell) => {
      expect(grid(each!, current, history, cell)).to.deep.equal([[`current:2.25.9.1.${view}`]]);
    });
    const positions = stepPositions(DEFAULT_READING_STEPS);
    expect(positions).to.have.length(7);
    expect(positions.slice(3)).to.deep.equal(ALL.map((_, cell) => ({ step: 3, cell })));
  });

  it('keeps a missing view and a missing prior as empty cells, never another image', () => {
    const first = mgStudy('2.25.10', '20261105', ['RCC', 'LCC', 'RMLO']);
    expect(grid(one!, first, [first])).to.deep.equal([
      ['current:2.25.10.1.RCC', 'current:2.25.10.1.LCC', 'current:2.25.10.1.RMLO', 'current:-'],
    ]);
    expect(grid(mlo!, first, [first])).to.deep.equal([
      ['prior:-', 'prior:-'],
      ['current:2.25.10.1.RMLO', 'current:-'],
    ]);
  });

  it('labels in the reader’s language, English otherwise', () => {
    expect(stepLabel(cc!.label, 'fr')).to.equal('CC actuelles / antérieures');
    expect(stepLabel({ en: 'Only English' }, 'fr')).to.equal('Only English');
    expect(stepLabel('Plain', 'en')).to.equal('Plain');
  });
});
