import { expect } from '@open-wc/testing';
import { filterHistory, type FilterableStudy } from './history-filter.js';

const STUDIES: FilterableStudy[] = [
  { studyInstanceUid: '1.5', studyDate: '20260105', studyTime: '101500', modalities: ['CT'] },
  { studyInstanceUid: '1.4', studyDate: '20250105', modalities: ['MR', 'SR'] },
  { studyInstanceUid: '1.3', studyDate: '20240105', studyTime: '0800', modalities: ['CT'] },
  { studyInstanceUid: '1.2', studyDate: '20230105', modalities: [] },
  { studyInstanceUid: '1.1', modalities: ['CT'] },
];
const uids = (studies: readonly FilterableStudy[]): string[] =>
  studies.map((study) => study.studyInstanceUid);

describe('filterHistory', () => {
  it('keeps everything without a filter', () => {
    expect(uids(filterHistory(STUDIES, undefined))).to.deep.equal([
      '1.5',
      '1.4',
      '1.3',
      '1.2',
      '1.1',
    ]);
  });

  it('bounds by date and time, an undated study failing any bound', () => {
    const filter = {
      lowerDateTime: { date: '20240105', time: '080000' },
      upperDateTime: { date: '20260105', time: '101459' },
    };
    expect(uids(filterHistory(STUDIES, filter))).to.deep.equal(['1.4', '1.3']);
  });

  it('keeps studies holding one of the modalities, or whose modalities are unknown', () => {
    expect(uids(filterHistory(STUDIES, { modalities: ['MR', 'US'] }))).to.deep.equal([
      '1.4',
      '1.2',
    ]);
  });

  it('keeps the most recent N of what the other filters kept', () => {
    expect(uids(filterHistory(STUDIES, { modalities: ['CT'], mostRecent: 2 }))).to.deep.equal([
      '1.5',
      '1.3',
    ]);
  });

  it('always keeps a study the launch names, without counting it', () => {
    expect(
      uids(filterHistory(STUDIES, { modalities: ['CT'], mostRecent: 1 }, new Set(['1.4']))),
    ).to.deep.equal(['1.5', '1.4']);
  });
});
