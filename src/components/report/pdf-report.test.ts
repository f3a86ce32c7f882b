import { expect, fixture, html } from '@open-wc/testing';
import { datasetFromDicomJson } from '../../dicom/json-dataset.js';
import './cb-pdf-report.js';
import type { CbPdfReport } from './pdf-report.js';

// A minimal one-page PDF (PDF 1.4, no xref needed by Chromium's viewer to accept the signature).
const PDF_TEXT =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

function pdfInstance(text: string, mimeType = 'application/pdf') {
  const bytes = new TextEncoder().encode(text);
  // OB is padded to even length with a NUL; Encapsulated Document Length keeps the true size.
  const padded = new Uint8Array(bytes.length + (bytes.length % 2));
  padded.set(bytes);
  return datasetFromDicomJson({
    '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.104.1'] },
    '00420010': { vr: 'ST', Value: ['Compte rendu'] },
    '00420011': { vr: 'OB', InlineBinary: btoa(String.fromCharCode(...padded)) },
    '00420012': { vr: 'LO', Value: [mimeType] },
    '00420015': { vr: 'UL', Value: [bytes.length] },
  });
}

describe('<cb-pdf-report>', () => {
  it('shows the encapsulated PDF from a blob: URL holding exactly its bytes, with a download link', async () => {
    const element = await fixture<CbPdfReport>(
      html`<cb-pdf-report lang="en" .instance=${pdfInstance(PDF_TEXT)}></cb-pdf-report>`,
    );
    const object = element.shadowRoot!.querySelector('object')!;
    const url = object.getAttribute('data')!;
    expect(url.startsWith('blob:')).to.equal(true);
    expect(object.getAttribute('type')).to.equal('application/pdf');
    const response = await fetch(url);
    expect(response.headers.get('content-type')).to.equal('application/pdf');
    expect(await response.text()).to.equal(PDF_TEXT);
    const link = element.shadowRoot!.querySelector('a')!;
    expect([
      link.getAttribute('href'),
      link.getAttribute('download'),
      link.textContent,
    ]).to.deep.equal([url, 'document.pdf', 'Download the PDF']);
  });

  it('revokes the blob: URL when the element is removed', async () => {
    const element = await fixture<CbPdfReport>(
      html`<cb-pdf-report .instance=${pdfInstance(PDF_TEXT)}></cb-pdf-report>`,
    );
    const url = element.documentUrl!;
    expect((await fetch(url)).ok).to.equal(true);
    element.remove();
    let failed = false;
    try {
      await fetch(url);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(element.documentUrl).to.equal(undefined);
  });

  it('refuses to hand anything but a PDF to the browser', async () => {
    for (const instance of [
      pdfInstance('<html><script>alert(1)</script></html>'),
      pdfInstance(PDF_TEXT, 'text/html'),
    ]) {
      const element = await fixture<CbPdfReport>(
        html`<cb-pdf-report lang="fr" .instance=${instance}></cb-pdf-report>`,
      );
      expect(element.shadowRoot!.querySelector('object')).to.equal(null);
      expect(element.shadowRoot!.querySelector('[role="status"]')?.textContent.trim()).to.equal(
        'Cette instance ne contient pas de document PDF.',
      );
    }
  });

  it('passes an axe accessibility check', async () => {
    const element = await fixture<CbPdfReport>(
      html`<cb-pdf-report lang="fr" .instance=${pdfInstance(PDF_TEXT)}></cb-pdf-report>`,
    );
    await expect(element).to.be.accessible();
  });
});
