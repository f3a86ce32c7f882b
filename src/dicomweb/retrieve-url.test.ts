import { expect } from '@open-wc/testing';
import { RetrieveUrlError, dicomwebRootOf } from './retrieve-url.js';

describe('dicomwebRootOf', () => {
  it('takes the root before /studies/{uid}/series/{uid} (PS3.18 10.4.1)', () => {
    expect(
      dicomwebRootOf('https://drimbox.example/wado/rs/studies/1.2/series/1.2.3', '1.2', '1.2.3'),
    ).to.equal('https://drimbox.example/wado/rs');
    expect(dicomwebRootOf('https://pacs.example/dicom-web/studies/1.2/', '1.2', '9.9')).to.equal(
      'https://pacs.example/dicom-web',
    );
  });

  it('takes a URL naming no resource as the root itself, and drops query and fragment', () => {
    expect(dicomwebRootOf('http://127.0.0.1:8042/dicom-web/', '1.2', '1.2.3')).to.equal(
      'http://127.0.0.1:8042/dicom-web',
    );
    expect(
      dicomwebRootOf(
        'https://pacs.example/rs/studies/1.2/series/1.2.3?token=abc#x',
        '1.2',
        '1.2.3',
      ),
    ).to.equal('https://pacs.example/rs');
  });

  it('refuses a URL naming another study or series, a relative URL and other schemes, quoting none', () => {
    const bad = [
      ['https://pacs.example/rs/studies/6.6/series/1.2.3', 'another study'],
      ['https://pacs.example/rs/studies/1.2/series/6.6.6', 'another series'],
      ['/rs/studies/1.2/series/1.2.3', 'not an absolute URL'],
      ['javascript:alert(1)', 'not an http(s) URL'],
    ] as const;
    for (const [url, reason] of bad) {
      expect(() => dicomwebRootOf(url, '1.2', '1.2.3'))
        .to.throw(RetrieveUrlError, reason)
        .with.property('message')
        .that.does.not.contain('pacs.example');
    }
  });
});
