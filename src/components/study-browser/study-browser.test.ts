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
    const selected = oneEvent(element, 'cb-series-select');
    button.click();
    const event = await selected;
    expect(event.detail).to.deep.equal({ studyInstanceUid: '1.2', seriesInstanceUid: '1.2.2' });
  });

  it('formats dates and counts per locale (fr, en)', async () => {
    const studies: StudyListEntry[] = [
      {
        studyInstanceUid: '2.1',
        studyDate: '20241103',
        modalities: ['CT'],
        series: [{ seriesInstanceUid: '2.1.1', modality: 'CT', instanceCount: 1234 }],
      },
    ];
    const text = async (lang: string): Promise<{ date: string; images: string }> => {
      const element = await fixture<CbStudyBrowser>(
        html`<cb-study-browser lang=${lang} .studies=${studies}></cb-study-browser>`,
      );
      const root = element.shadowRoot!;
      return {
        date: root.querySelector('.date')!.textContent.trim(),
        images: root
          .querySelector('.series .muted')!
          .textContent.replace(/[\t\n ]+/g, ' ')
          .trim(),
      };
    };
    const fr = await text('fr');
    const en = await text('en');
    expect(fr.date).to.equal('03/11/2024');
    expect(en.date).to.equal('11/3/24');
    // French groups thousands with a narrow no-break space, English with a comma.
    expect(fr.images).to.equal('(1\u202f234 images)');
    expect(en.images).to.equal('(1,234 images)');
  });

  it('says "1 image" in the singular, in French and English', async () => {
    const studies: StudyListEntry[] = [
      {
        studyInstanceUid: '3.1',
        studyDate: '20241103',
        modalities: ['CR'],
        series: [{ seriesInstanceUid: '3.1.1', modality: 'CR', instanceCount: 1 }],
      },
    ];
    for (const lang of ['fr', 'en']) {
      const element = await fixture<CbStudyBrowser>(
        html`<cb-study-browser lang=${lang} .studies=${studies}></cb-study-browser>`,
      );
      const muted = element.shadowRoot!.querySelector('.series .muted')!;
      expect(muted.textContent.replace(/[\t\n ]+/g, ' ').trim()).to.equal('(1 image)');
    }
  });

  it('shows the thumbnail canvas the viewer drew for a series', async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 8;
    canvas.height = 8;
    const element = await fixture<CbStudyBrowser>(
      html`<cb-study-browser
        .studies=${STUDIES}
        .thumbnails=${new Map([['1.2.1', canvas]])}
      ></cb-study-browser>`,
    );
    const buttons = [...element.shadowRoot!.querySelectorAll('.series button')];
    const holder = buttons.find((button) => button.querySelector('canvas') === canvas);
    expect(holder?.textContent).to.contain('MG');
    expect(element.shadowRoot!.querySelectorAll('.series canvas')).to.have.length(1);
  });

  it('passes an axe accessibility check', async () => {
    const element = await fixture<CbStudyBrowser>(
      html`<cb-study-browser lang="en" current="1.2" .studies=${STUDIES}></cb-study-browser>`,
    );
    await expect(element).to.be.accessible();
  });
});
