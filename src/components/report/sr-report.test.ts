import { expect, fixture, html } from '@open-wc/testing';
import { datasetFromDicomJson } from '../../dicom/json-dataset.js';
import './cb-sr-report.js';
import type { CbSrReport } from './sr-report.js';
import { MAX_SR_DEPTH } from '../../dicom/sr-document.js';

/** DICOM JSON builders for SR content items (PS3.3 C.17.3), used by the report tests. */
type Item = Record<string, { vr: string; Value?: unknown[] }>;

const code = (value: string, scheme: string, meaning: string): Item => ({
  '00080100': { vr: 'SH', Value: [value] },
  '00080102': { vr: 'SH', Value: [scheme] },
  '00080104': { vr: 'LO', Value: [meaning] },
});

const concept = (meaning: string): { '0040A043': { vr: string; Value: unknown[] } } => ({
  '0040A043': { vr: 'SQ', Value: [code(`C-${meaning.length}`, '99TEST', meaning)] },
});

const item = (relationship: string, valueType: string, name: string, rest: Item = {}): Item => ({
  '0040A010': { vr: 'CS', Value: [relationship] },
  '0040A040': { vr: 'CS', Value: [valueType] },
  ...concept(name),
  ...rest,
});

const text = (name: string, value: string, relationship = 'CONTAINS'): Item =>
  item(relationship, 'TEXT', name, { '0040A160': { vr: 'UT', Value: [value] } });

const coded = (name: string, meaning: string, relationship = 'CONTAINS'): Item =>
  item(relationship, 'CODE', name, {
    '0040A168': { vr: 'SQ', Value: [code('X1', '99TEST', meaning)] },
  });

const num = (
  name: string,
  value: string,
  ucum: string,
  meaning: string,
  children: Item[] = [],
): Item =>
  item('CONTAINS', 'NUM', name, {
    '0040A300': {
      vr: 'SQ',
      Value: [
        {
          '0040A30A': { vr: 'DS', Value: [value] },
          '004008EA': { vr: 'SQ', Value: [code(ucum, 'UCUM', meaning)] },
        },
      ],
    },
    ...(children.length > 0 ? { '0040A730': { vr: 'SQ', Value: children } } : {}),
  });

const container = (name: string, children: Item[], relationship = 'CONTAINS'): Item =>
  item(relationship, 'CONTAINER', name, {
    '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
    '0040A730': { vr: 'SQ', Value: children },
  });

const pname = (name: string, value: string, relationship = 'HAS OBS CONTEXT'): Item =>
  item(relationship, 'PNAME', name, { '0040A123': { vr: 'PN', Value: [{ Alphabetic: value }] } });

const date = (name: string, value: string): Item =>
  item('CONTAINS', 'DATE', name, { '0040A121': { vr: 'DA', Value: [value] } });

const uidref = (name: string, value: string): Item =>
  item('HAS OBS CONTEXT', 'UIDREF', name, { '0040A124': { vr: 'UI', Value: [value] } });

const image = (name: string, instanceUid: string): Item =>
  item('CONTAINS', 'IMAGE', name, {
    '00081199': {
      vr: 'SQ',
      Value: [
        {
          '00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.1.2'] },
          '00081155': { vr: 'UI', Value: [instanceUid] },
        },
      ],
    },
  });

/** A Comprehensive SR document: root CONTAINER plus SR Document General Module flags. */
function srDocument(title: string, children: Item[]): Item {
  return {
    '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.33'] },
    '00080060': { vr: 'CS', Value: ['SR'] },
    '00080023': { vr: 'DA', Value: ['20240612'] },
    '00080033': { vr: 'TM', Value: ['101500'] },
    '0040A491': { vr: 'CS', Value: ['COMPLETE'] },
    '0040A493': { vr: 'CS', Value: ['VERIFIED'] },
    '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
    '0040A050': { vr: 'CS', Value: ['SEPARATE'] },
    '0040A043': { vr: 'SQ', Value: [code('18748-4', 'LN', title)] },
    '0040A730': { vr: 'SQ', Value: children },
  };
}

const HOSTILE = '<img src=x onerror="window.__srXss = true">';

function mammographyReport() {
  return datasetFromDicomJson(
    srDocument('Imaging report', [
      pname("Person Observer's Name", 'Martin^Claire^^Dr'),
      uidref('Study Instance UID', '1.2.3.4'),
      container('Findings', [
        text('Finding', `Mass, upper outer quadrant.\nSee ${HOSTILE}`),
        coded('Breast composition', 'Heterogeneously dense'),
        num('Diameter', '12.50', 'mm', 'millimeter', [
          coded('Finding site', 'Left breast', 'HAS PROPERTIES'),
        ]),
        num('Ratio', '0.8', '1', 'no units'),
        image('Key image', '1.2.3.4.5'),
        container('Impression', [
          coded('BI-RADS', 'Category 4'),
          date('Follow-up date', '20241212'),
        ]),
      ]),
    ]),
  );
}

async function renderReport(lang: string): Promise<CbSrReport> {
  const element = await fixture<CbSrReport>(
    html`<cb-sr-report lang=${lang} .instance=${mammographyReport()}></cb-sr-report>`,
  );
  await element.updateComplete;
  return element;
}

describe('<cb-sr-report>', () => {
  it('says so when content is nested deeper than it reads, and shows what it read', async () => {
    let nested: Item = text('Deepest', 'never shown');
    for (let level = 0; level < MAX_SR_DEPTH + 4; level++)
      nested = container(`Level ${String(level)}`, [nested]);
    const element = await fixture<CbSrReport>(html`<cb-sr-report lang="en"></cb-sr-report>`);
    element.instance = datasetFromDicomJson({
      '0040A040': { vr: 'CS', Value: ['CONTAINER'] },
      ...concept('Imaging report'),
      '0040A730': { vr: 'SQ', Value: [nested] },
    });
    await element.updateComplete;
    const root = element.shadowRoot!;
    expect(root.querySelector('[part="omitted"]')?.textContent).to.contain('nested too deeply');
    expect(root.textContent).to.not.contain('never shown');
    expect(root.querySelectorAll('[role="heading"]').length).to.be.greaterThan(10);
  });

  it('renders nested containers as headings and items as name/value pairs', async () => {
    const element = await renderReport('en');
    const root = element.shadowRoot!;
    expect(root.querySelector('h2')?.textContent).to.equal('Imaging report');
    const headings = [...root.querySelectorAll('[role="heading"]')].map((node) => [
      node.textContent.trim(),
      node.getAttribute('aria-level'),
    ]);
    expect(headings).to.deep.equal([
      ['Findings', '3'],
      ['Impression', '4'],
    ]);
    const pairs = [...root.querySelectorAll('dl > div')].map((pair) => [
      pair.querySelector('dt')?.textContent.trim(),
      pair.querySelector('dd > .value')?.textContent,
    ]);
    expect(pairs).to.deep.include.members([
      ["Person Observer's Name", 'Dr Claire Martin'],
      ['Breast composition', 'Heterogeneously dense'],
      ['Diameter', '12.50 millimeter'],
      ['Ratio', '0.8'],
      ['Key image', 'Image'],
      ['BI-RADS', 'Category 4'],
      ['Follow-up date', '12/12/2024'],
    ]);
    expect(root.querySelector('.context')?.textContent).to.contain('Observation context');
    expect(root.querySelector('.status')?.textContent)
      .to.contain('Complete')
      .and.to.contain('Verified');
  });

  it('shows markup in a TextValue literally and never builds an element from it', async () => {
    const element = await renderReport('en');
    const root = element.shadowRoot!;
    expect(root.querySelector('img')).to.equal(null);
    expect(root.textContent).to.contain(HOSTILE);
    // An image of the same source asked for after the render has failed: one built from the
    // markup during the render would have failed, and run its onerror, before it.
    const control = new Image();
    const failed = new Promise((resolve) => {
      control.addEventListener('error', resolve, { once: true });
    });
    control.src = 'x';
    await failed;
    expect((window as unknown as { __srXss?: boolean }).__srXss).to.equal(undefined);
  });

  it('uses French labels and number and date formats when lang is fr', async () => {
    const element = await renderReport('fr');
    const root = element.shadowRoot!;
    expect(root.textContent).to.contain("Contexte d'observation").and.to.contain('Validé');
    const values = [...root.querySelectorAll('dd > .value')].map((node) => node.textContent);
    expect(values).to.include('12,50 millimeter').and.to.include('12/12/2024');
    element.setAttribute('lang', 'en');
    await element.updateComplete;
    expect(root.textContent).to.contain('Observation context');
  });

  it('says there is no report for a data set that is not an SR', async () => {
    const element = await fixture<CbSrReport>(
      html`<cb-sr-report
        lang="en"
        .instance=${datasetFromDicomJson({ '00080060': { vr: 'CS', Value: ['CT'] } })}
      ></cb-sr-report>`,
    );
    expect(element.shadowRoot!.querySelector('[role="status"]')?.textContent).to.equal(
      'No report to show',
    );
  });

  it('passes an axe accessibility check', async () => {
    const element = await renderReport('en');
    await expect(element).to.be.accessible();
  });
});
