import { expect } from '@open-wc/testing';
import { normalizeServer, seriesFrameRange } from './cache-keys.js';

describe('cache keys', () => {
  it('drops user-info, query, fragment and a trailing slash from a server URL', () => {
    expect(
      normalizeServer('https://user:pw@pacs.example.org:8443/dicom-web/?token=abc#x'),
    ).to.equal('https://pacs.example.org:8443/dicom-web');
    expect(normalizeServer('my-archive?key=1')).to.equal('my-archive');
  });

  it('selects every frame of one series and no frame of a series whose UID extends it', () => {
    const range = seriesFrameRange(['s', '1.2', '1.2.3']);
    expect(range.includes(['s', '1.2', '1.2.3', '1.2.3.1', 1])).to.equal(true);
    expect(range.includes(['s', '1.2', '1.2.3', '9', 99999])).to.equal(true);
    expect(range.includes(['s', '1.2', '1.2.34', '1.2.34.1', 1])).to.equal(false);
    expect(range.includes(['s', '1.2', '1.2.30'])).to.equal(false);
  });
});
