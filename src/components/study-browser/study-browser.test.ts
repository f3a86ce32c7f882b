import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './cb-study-browser.js';
import type { CbStudyBrowser, StudyListEntry } from './study-browser.js';

const STUDIES: StudyListEntry[] = [
  {
    studyInstanceUid: '1.1',
    studyDate: '20230601',
    modalities: ['MG'],
    studyDescription: 'Screening',
    series: [{ seriesInstanceUid: '1.1.1', modality: 'MG', instanceCount: 4 }],
  },
  {
    studyInstanceUid: '1.2',
    studyDate: '20240612',
    modalities: ['MG', 'SR'],
    studyDescription: 'Screening',
    series: [
      { seriesInstanceUid: '1.2.1', modality: 'MG', instanceCount: 4 },
      { seriesInstanceUid: '1.2.2', modality: 'SR', seriesDescription: 'Report' },
    ],
  },
];

describe('<cb-study-browser>', () => {
  it('lists studies newest first with the current one marked', async () => {
    const element = await fixture<CbStudyBrowser>(
      html`<cb-study-browser lang="fr" current="1.1" .studies=${STUDIES}></cb-study-browser>`,
    );
    const items = [...element.shadowRoot!.querySelectorAll('li.study')];
    expect(items.map((item) => item.querySelector('.date')?.textContent)).to.deep.equal([
      '12/06/2024',
      '01/06/2023',
    ]);
    expect(items.map((item) => item.getAttribute('aria-current'))).to.deep.equal([null, 'true']);
    expect(element.shadowRoot!.querySelector('nav')?.getAttribute('aria-label')).to.equal(
      'Historique d’imagerie',
    );
  });

  it('fires cb-series-select with the chosen series when its button is activated', async () => {
    const element = await fixture<CbStudyBrowser>(
      html`<cb-study-browser .studies=${STUDIES}></cb-study-browser>`,
    );
    const button = element.shadowRoot!.querySelectorAll<HTMLButtonElement>('.series button')[1]!;
    setTimeout(() => {
      button.click();
    });
    const event = await oneEvent(element, 'cb-series-select');
    expect(event.detail).to.deep.equal({ studyInstanceUid: '1.2', seriesInstanceUid: '1.2.2' });
  });

  it('passes an axe accessibility check', async () => {
    const element = await fixture<CbStudyBrowser>(
      html`<cb-study-browser lang="en" current="1.2" .studies=${STUDIES}></cb-study-browser>`,
    );
    await expect(element).to.be.accessible();
  });
});
