import { expect } from '@open-wc/testing';
import { OriginPolicy, UntrustedOriginError } from './origin-policy.js';

function refusal(policy: OriginPolicy, url: string): unknown {
  try {
    policy.access(url, 'bulkdata');
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('OriginPolicy', () => {
  it("gives credentials to the DICOMweb root's origin, relative or absolute, and nowhere else", () => {
    const policy = new OriginPolicy({ server: '/dicom-web' });
    expect(policy.access('/dicom-web/studies', 'search-studies')).to.equal('credentials');
    expect(policy.access(`${location.origin}/other/path`, 'bulkdata')).to.equal('credentials');
    const error = refusal(policy, 'https://pacs.example/dicom-web/bulk/1');
    expect(error).to.be.instanceOf(UntrustedOriginError);
    expect((error as UntrustedOriginError).origin).to.equal('https://pacs.example');
    expect((error as UntrustedOriginError).message).not.to.include('pacs.example');
  });

  it('reads a protocol-relative URL as the origin it names, not as a path of the server', () => {
    const policy = new OriginPolicy({ server: 'https://pacs.example/dicom-web' });
    expect(refusal(policy, '//cdn.example/bulk/1')).to.be.instanceOf(UntrustedOriginError);
    expect(policy.access('https://pacs.example/wado/1', 'bulkdata')).to.equal('credentials');
  });

  it('trusts and allows origins by origin only: a listed path, query or port does not widen it', () => {
    const policy = new OriginPolicy({
      server: 'https://pacs.example/dicom-web',
      trustedOrigins: ['https://wado.example/any/path?x=1'],
      anonymousOrigins: ['https://cdn.example', 'not a url', 'data:text/plain,x'],
    });
    expect(policy.access('https://wado.example/bulk', 'bulkdata')).to.equal('credentials');
    expect(policy.access('https://cdn.example/bulk', 'bulkdata')).to.equal('anonymous');
    expect(refusal(policy, 'https://cdn.example:8443/bulk')).to.be.instanceOf(UntrustedOriginError);
    expect(refusal(policy, 'http://cdn.example/bulk')).to.be.instanceOf(UntrustedOriginError);
  });

  it('never lets an opaque origin through (data:, blob:)', () => {
    const policy = new OriginPolicy({ server: '/dicom-web', anonymousOrigins: ['null'] });
    expect(refusal(policy, 'data:application/octet-stream;base64,AAAA')).to.be.instanceOf(
      UntrustedOriginError,
    );
    expect(refusal(policy, 'blob:null/1234')).to.be.instanceOf(UntrustedOriginError);
  });
});
