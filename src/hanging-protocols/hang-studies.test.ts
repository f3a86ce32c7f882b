import { expect } from '@open-wc/testing';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import { builtInProtocols, screeningMammography } from './built-in-protocols.js';
import { describeInstance, summarizeStudies } from './describe-instance.js';
import type { HangingProtocol } from './hanging-protocol.js';
import { autoGrid, hangStudies } from './hang-studies.js';
import { UnknownHangingProtocolError } from './select-protocol.js';
import type { InstanceSummary, SeriesSummary, StudySummary } from './summaries.js';
import { cellStatesOf } from './viewer-cell-state.js';

type View = 'RCC' | 'LCC' | 'RMLO' | 'LMLO';
const DETECTOR_ORIENTATION: Record<View, [string, string]> = {
  RCC: ['A', 'L'],
  LCC: ['A', 'R'],
  RMLO: ['A', 'FR'],
  LMLO: ['A', 'FL'],
};

function mgInstance(
  uid: string,
  view: View,
  extra: Partial<InstanceSummary> = {},
): InstanceSummary {
  return {
    sopInstanceUid: uid,
    laterality: view.startsWith('R') ? 'R' : 'L',
    viewPosition: view.slice(1),
    patientOrientation: DETECTOR_ORIENTATION[view],
    presentationIntent: 'FOR PRESENTATION',
    spacingMm: { row: 0.1 / 1.1, column: 0.1 / 1.1 },
    ...extra,
  };
}

function mgStudy(uid: string, date: string, views: readonly View[]): StudySummary {
  return {
    studyInstanceUid: uid,
    studyDate: date,
    series: [
      {
        seriesInstanceUid: `${uid}.1`,
        modality: 'MG',
        bodyPartExamined: 'BREAST',
        instances: views.map((view) => mgInstance(`${uid}.1.${view}`, view)),
      },
    ],
  };
}

function stack(
  uid: string,
  modality: string,
  bodyPart: string,
  count: number,
  description?: string,
): SeriesSummary {
  return {
    seriesInstanceUid: uid,
    modality,
    bodyPartExamined: bodyPart,
    seriesDescription: description,
    instances: Array.from({ length: count }, (_, i) => ({ sopInstanceUid: `${uid}.${i}` })),
  };
}

const ALL_VIEWS: View[] = ['RCC', 'LCC', 'RMLO', 'LMLO'];

describe('screening mammography protocol', () => {
  const current = mgStudy('2.1', '20240612', ALL_VIEWS);
  const prior = mgStudy('2.0', '20230601', ALL_VIEWS);
  const older = mgStudy('1.9', '20210601', ALL_VIEWS);

  it('hangs 8 views: prior row above current row, RCC LCC RMLO LMLO, right views flipped', () => {
    const layout = hangStudies({
      current,
      history: [older, prior, current],
      protocols: builtInProtocols,
    });
    expect(layout?.protocolId).to.equal('screening-mammography');
    expect([layout?.rows, layout?.columns]).to.deep.equal([2, 4]);
    const cells = cellStatesOf(layout!);
    const expected = (row: number, study: string) =>
      ALL_VIEWS.map((view, column) => ({
        row,
        column,
        studyInstanceUid: study,
        seriesInstanceUid: `${study}.1`,
        sopInstanceUid: `${study}.1.${view}`,
        frame: 0,
        flipHorizontal: view.startsWith('R'),
        rotation: 0,
        voi: undefined,
        scale: 'fit',
      }));
    expect(cells).to.deep.equal([...expected(0, '2.0'), ...expected(1, '2.1')]);
    for (const cell of layout!.cells) {
      expect(cell.role).to.equal(cell.row === 0 ? 'prior' : 'current');
      expect(cell.scaleGroup).to.equal('mammography');
      expect(cell.links.zoomPan).to.equal('mammography');
      expect(cell.alignment).to.equal(
        cell.label.startsWith('R') ? 'chest-wall-right' : 'chest-wall-left',
      );
      expect(cell.spacingMm?.column).to.be.closeTo(0.0909, 1e-4);
    }
    expect(layout!.cells[0]?.priorAgeDays).to.equal(377);
  });

  it('hangs 4 views in one row when the patient has no prior', () => {
    const layout = hangStudies({ current, history: [current], protocols: builtInProtocols });
    expect([layout?.rows, layout?.columns]).to.deep.equal([1, 4]);
    expect(layout?.cells.map((cell) => [cell.row, cell.column, cell.sopInstanceUid])).to.deep.equal(
      ALL_VIEWS.map((view, column) => [0, column, `2.1.1.${view}`]),
    );
  });

  it('leaves a missing prior view empty and labelled in its own cell, shifting nothing', () => {
    const partial = mgStudy('2.0', '20230601', ['RCC', 'RMLO', 'LMLO']);
    const layout = hangStudies({ current, history: [partial], protocols: builtInProtocols })!;
    const lcc = layout.cells.find((cell) => cell.row === 0 && cell.column === 1)!;
    expect(lcc).to.include({
      empty: true,
      label: 'LCC',
      studyInstanceUid: '2.0',
      sopInstanceUid: undefined,
    });
    expect(
      layout.cells.find((cell) => cell.row === 0 && cell.column === 2)?.sopInstanceUid,
    ).to.equal('2.0.1.RMLO');
    expect(layout.cells).to.have.length(8);
  });

  it('shows only the current or only the prior row with the view toggle', () => {
    const currentOnly = hangStudies({
      current,
      history: [prior],
      protocols: builtInProtocols,
      view: 'current',
    })!;
    expect([
      currentOnly.rows,
      currentOnly.cells.every((cell) => cell.role === 'current' && cell.row === 0),
    ]).to.deep.equal([1, true]);
    const priorOnly = hangStudies({
      current,
      history: [prior],
      protocols: builtInProtocols,
      view: 'prior',
    })!;
    expect(priorOnly.cells.map((cell) => cell.studyInstanceUid)).to.deep.equal([
      '2.0',
      '2.0',
      '2.0',
      '2.0',
    ]);
  });

  it('does not flip a right view the modality already stored chest wall right, and turns an upside-down MLO', () => {
    const study: StudySummary = {
      ...current,
      series: [
        {
          seriesInstanceUid: '2.1.1',
          modality: 'MG',
          instances: [
            mgInstance('rcc', 'RCC', { patientOrientation: ['P', 'L'] }),
            mgInstance('lcc', 'LCC', { patientOrientation: ['P', 'R'] }),
            mgInstance('rmlo', 'RMLO', { patientOrientation: ['A', 'HR'] }),
            mgInstance('lmlo', 'LMLO', { patientOrientation: undefined }),
          ],
        },
      ],
    };
    const cells = hangStudies({ current: study, history: [], protocols: builtInProtocols })!.cells;
    expect(cells.map((cell) => [cell.label, cell.flipHorizontal, cell.rotation])).to.deep.equal([
      ['RCC', false, 0],
      ['LCC', true, 0],
      ['RMLO', false, 180],
      ['LMLO', false, 0],
    ]);
  });

  it('prefers the FOR PRESENTATION image and the later retake of a view', () => {
    const study: StudySummary = {
      ...current,
      series: [
        {
          seriesInstanceUid: '2.1.1',
          modality: 'MG',
          instances: [
            mgInstance('raw', 'RCC', { presentationIntent: 'FOR PROCESSING', instanceNumber: 9 }),
            mgInstance('first', 'RCC', { instanceNumber: 1 }),
            mgInstance('retake', 'RCC', { instanceNumber: 5 }),
            mgInstance('spot', 'RCC', { instanceNumber: 7, viewModifiers: ['spot compression'] }),
          ],
        },
      ],
    };
    const rcc = hangStudies({ current: study, history: [], protocols: builtInProtocols })!.cells[0];
    expect(rcc?.sopInstanceUid).to.equal('retake');
  });
});

describe('cross-sectional comparison protocol', () => {
  const current: StudySummary = {
    studyInstanceUid: '3.3',
    studyDate: '20240301',
    series: [
      stack('3.3.1', 'CT', 'CHEST', 3, 'scout'),
      stack('3.3.2', 'CT', 'CHEST', 120, 'Thorax 1mm'),
      stack('3.3.9', 'SR', 'CHEST', 1),
    ],
  };
  const history: StudySummary[] = [
    {
      studyInstanceUid: '3.0',
      studyDate: '20220101',
      series: [stack('3.0.1', 'CT', 'CHEST', 100, 'Thorax 1mm')],
    },
    {
      studyInstanceUid: '3.1',
      studyDate: '20230101',
      series: [stack('3.1.1', 'CT', 'ABDOMEN', 200)],
    },
    { studyInstanceUid: '3.2', studyDate: '20230601', series: [stack('3.2.1', 'MR', 'CHEST', 50)] },
    {
      studyInstanceUid: '3.25',
      studyDate: '20230901',
      series: [
        stack('3.25.1', 'CT', 'CHEST', 300, 'Poumon'),
        stack('3.25.2', 'CT', 'CHEST', 90, 'Thorax 1mm'),
      ],
    },
    {
      studyInstanceUid: '3.4',
      studyDate: '20240601',
      series: [stack('3.4.1', 'CT', 'CHEST', 100)],
    },
  ];

  it('puts the current main series beside the most recent earlier prior of the same modality and body part', () => {
    const layout = hangStudies({ current, history, protocols: builtInProtocols })!;
    expect(layout.protocolId).to.equal('cross-sectional-comparison');
    expect([layout.rows, layout.columns]).to.deep.equal([1, 2]);
    expect(
      layout.cells.map((cell) => [cell.studyInstanceUid, cell.seriesInstanceUid, cell.role]),
    ).to.deep.equal([
      ['3.3', '3.3.2', 'current'],
      ['3.25', '3.25.2', 'prior'],
    ]);
    expect(layout.cells.every((cell) => cell.links.position === 'comparison')).to.equal(true);
  });

  it('falls back to one series per cell when no comparable prior exists', () => {
    const layout = hangStudies({
      current,
      history: [history[1]!, history[2]!],
      protocols: builtInProtocols,
    })!;
    expect(layout.protocolId).to.equal('default');
    expect(layout.cells.map((cell) => cell.seriesInstanceUid)).to.deep.equal(['3.3.1', '3.3.2']);
  });
});

describe('protocol selection', () => {
  const study: StudySummary = {
    studyInstanceUid: '4',
    studyDate: '20240101',
    series: [stack('4.1', 'US', 'THYROID', 4)],
  };

  it('lets a host protocol win over the built-ins by score, and refuses an unknown id', () => {
    const thyroid: HangingProtocol = {
      id: 'thyroid-us',
      match: [{ attribute: 'bodyPart', anyOf: ['thyroid'], weight: 3, required: true }],
      layout: {
        kind: 'fixed',
        rows: 1,
        columns: 1,
        cells: [
          { row: 0, column: 0, label: 'US', select: { study: 'current', level: 'main-series' } },
        ],
      },
    };
    const layout = hangStudies({
      current: study,
      history: [],
      protocols: [...builtInProtocols, thyroid],
    });
    expect(layout?.protocolId).to.equal('thyroid-us');
    expect(() =>
      hangStudies({ current: study, history: [], protocols: builtInProtocols, protocol: 'nope' }),
    ).to.throw(UnknownHangingProtocolError);
    expect(
      hangStudies({ current: study, history: [], protocols: [screeningMammography] }),
    ).to.equal(undefined);
  });

  it('sizes the automatic grid near-square', () => {
    expect([1, 2, 3, 5, 7, 10, 16].map((n) => autoGrid(n))).to.deep.equal([
      { rows: 1, columns: 1 },
      { rows: 1, columns: 2 },
      { rows: 2, columns: 2 },
      { rows: 2, columns: 3 },
      { rows: 3, columns: 3 },
      { rows: 3, columns: 4 },
      { rows: 4, columns: 4 },
    ]);
  });
});

describe('describeInstance', () => {
  it('reads laterality, coded view, orientation and magnification-corrected spacing from a data set', () => {
    const dataset = datasetFromDicomJson({
      '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.1.2'] },
      '00080018': { vr: 'UI', Value: ['9.9.1'] },
      '0020000D': { vr: 'UI', Value: ['9.9'] },
      '0020000E': { vr: 'UI', Value: ['9.9.0'] },
      '00080060': { vr: 'CS', Value: ['MG'] },
      '00080068': { vr: 'CS', Value: ['FOR PRESENTATION'] },
      '00181164': { vr: 'DS', Value: [0.1, 0.1] },
      '00181114': { vr: 'DS', Value: [1.25] },
      '00200020': { vr: 'CS', Value: ['A', 'FR'] },
      '00200062': { vr: 'CS', Value: ['R'] },
      '00540220': {
        vr: 'SQ',
        Value: [
          {
            '00080100': { vr: 'SH', Value: ['R-10226'] },
            '00080102': { vr: 'SH', Value: ['SRT'] },
          },
        ],
      },
    });
    const instance = describeInstance(dataset);
    expect(instance).to.deep.include({
      laterality: 'R',
      viewPosition: 'MLO',
      patientOrientation: ['A', 'FR'],
      presentationIntent: 'FOR PRESENTATION',
    });
    expect(instance.spacingMm?.row).to.be.closeTo(0.08, 1e-9);
    const [study] = summarizeStudies([dataset]);
    expect(study?.series[0]?.modality).to.equal('MG');
    expect(study?.series[0]?.instances[0]?.sopInstanceUid).to.equal('9.9.1');
  });
});
