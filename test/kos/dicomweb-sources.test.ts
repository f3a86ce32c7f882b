/**
 * The DICOMweb roots a manifest names are used under the host's origin rules: the rig's foreign
 * origin (another loopback port that allows CORS with credentials and records every request,
 * foreign-origin.mjs) gets the host's token only when the host trusts it, nothing when the host
 * allows it bare, and no request at all otherwise.
 */
import { expect } from '@open-wc/testing';
import { DicomwebSources } from '../../src/dicomweb/dicomweb-sources.js';
import { UntrustedOriginError } from '../../src/dicomweb/origin-policy.js';
import { ORTHANC, foreignOrigin, requireRig } from '../dicomweb/dicomweb-fixtures.js';

const TOKEN = 'Bearer manifest-source-token';

function sources(origins: { trusted?: string[]; anonymous?: string[] }, hookCalls: string[]) {
  return new DicomwebSources({
    url: ORTHANC,
    requestHeaders: { Authorization: TOKEN },
    fetch: (input, init) => {
      hookCalls.push(input instanceof Request ? input.url : input.toString());
      return fetch(input, init);
    },
    trustedOrigins: origins.trusted,
    anonymousOrigins: origins.anonymous,
    retry: { retries: 0 },
  });
}

describe('DicomwebSources', function () {
  before(async function () {
    await requireRig(this);
  });

  it('gives the main client for the viewer’s own root, however it is spelled', () => {
    const all = sources({}, []);
    expect(all.clientFor(undefined)).to.equal(all.main);
    expect(all.clientFor(`${ORTHANC}/`)).to.equal(all.main);
    expect(all.clientFor(new URL(ORTHANC, location.href).href)).to.equal(all.main);
  });

  it('sends the host token and hook to a root on an origin the host trusts', async () => {
    const foreign = await foreignOrigin(true);
    const hookCalls: string[] = [];
    const client = sources({ trusted: [foreign.url] }, hookCalls).clientFor(
      `${foreign.url}/dicom-web/`,
    );
    await client.retrieveBulkData(`${foreign.url}/dicom-web/bulk/1`);
    const { requests } = await foreignOrigin();
    const get = requests.find((request) => request.method === 'GET');
    expect(get?.headers.authorization).to.equal(TOKEN);
    expect(hookCalls).to.have.length(1);
  });

  it('reads a root on an origin the host allows only bare with no header, hook, cookie or referrer', async () => {
    const foreign = await foreignOrigin(true);
    const hookCalls: string[] = [];
    const client = sources({ anonymous: [foreign.url] }, hookCalls).clientFor(
      `${foreign.url}/dicom-web`,
    );
    const bytes = await client.retrieveBulkData(`${foreign.url}/dicom-web/bulk/1`);
    expect(bytes.byteLength).to.equal(16);
    const { requests } = await foreignOrigin();
    // The Accept header asks for a preflight (OPTIONS): only the GET can carry anything.
    const gets = requests.filter((request) => request.method === 'GET');
    expect(gets).to.have.length(1);
    const headers = gets[0]!.headers;
    expect(headers.authorization).to.equal(undefined);
    expect(headers.cookie).to.equal(undefined);
    expect(headers.referer).to.equal(undefined);
    expect(hookCalls).to.deep.equal([]);
  });

  it('refuses a root on any other origin before a request leaves', async () => {
    const foreign = await foreignOrigin(true);
    expect(() => sources({}, []).clientFor(`${foreign.url}/dicom-web`)).to.throw(
      UntrustedOriginError,
    );
    expect((await foreignOrigin()).requests).to.deep.equal([]);
  });
});
