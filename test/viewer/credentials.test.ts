/**
 * Credentials go only where they belong: the data sets a viewer hands out (`cb-viewport.stack`)
 * follow a BulkDataURI that a lying server points at a foreign origin — another loopback port that
 * allows CORS with credentials and records every request it receives (foreign-origin.mjs).
 */
import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { JsonDataset } from '../../src/dicom/json-dataset.js';
import { DicomwebAuthError } from '../../src/dicomweb/errors.js';
import { UntrustedOriginError } from '../../src/dicomweb/origin-policy.js';
import {
  FAULTY_ORTHANC,
  foreignOrigin,
  requireRig,
  resetFaults,
  setFaults,
  type ForeignRequest,
} from '../dicomweb/dicomweb-fixtures.js';
import { allRendered, manifest, mountViewer } from './viewer-harness.js';

const TOKEN = 'Bearer secret-token-for-the-pacs';
const HOOK_TOKEN = 'hook-secret';
/** Red Palette Color Lookup Table Data (0028,1201), OW: a bulk attribute a server may send by URI. */
const ABSOLUTE = 0x00281201;
/** Green Palette Color Lookup Table Data (0028,1202): the same by a protocol-relative URI. */
const PROTOCOL_RELATIVE = 0x00281202;
/** Blue Palette Color Lookup Table Data (0028,1203): on the foreign origin, answered 401. */
const UNAUTHORIZED = 0x00281203;

interface Opened {
  readonly viewer: CbViewer;
  readonly dataset: JsonDataset;
  readonly hookUrls: string[];
  readonly refreshes: () => number;
}

/** Opens the demo's chest radiograph through the proxy that adds foreign BulkDataURIs. */
async function open(configure: (viewer: CbViewer) => void): Promise<Opened> {
  const { url: foreign } = await foreignOrigin(true);
  const hostPort = foreign.replace(/^http:/, '');
  const bulk = (tag: string, uri: string) => `"${tag}":{"vr":"OW","BulkDataURI":"${uri}"},`;
  await setFaults({
    rewrite: {
      match: '/metadata',
      pattern: '"00080018"',
      replacement:
        bulk('00281201', `${foreign}/bulk/red`) +
        bulk('00281202', `${hostPort}/bulk/green`) +
        bulk('00281203', `${foreign}/bulk/401`) +
        '"00080018"',
    },
  });
  const demo = await manifest();
  const hookUrls: string[] = [];
  let refreshes = 0;
  const viewer = mountViewer(
    {
      server: FAULTY_ORTHANC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCr.studyInstanceUid,
    },
    (element) => {
      element.requestHeaders = { Authorization: TOKEN };
      element.fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        hookUrls.push(url);
        const headers = new Headers(init?.headers);
        headers.set('X-Hook-Token', HOOK_TOKEN);
        return fetch(input, { ...init, headers });
      };
      element.refreshToken = () => {
        refreshes++;
        return Promise.resolve();
      };
      configure(element);
    },
  );
  const [viewport] = await allRendered(viewer, 1);
  const dataset = viewport!.stack[0];
  if (!(dataset instanceof JsonDataset)) throw new Error('the viewer handed out no DICOM JSON');
  expect(dataset.bulkDataUri(ABSOLUTE), 'the lying proxy rewrote the metadata').to.equal(
    `${foreign}/bulk/red`,
  );
  return { viewer, dataset, hookUrls, refreshes: () => refreshes };
}

function carriesCredentials(request: ForeignRequest): boolean {
  const text = JSON.stringify(request);
  return (
    text.includes('secret-token') ||
    text.includes(HOOK_TOKEN) ||
    request.headers.authorization !== undefined ||
    request.headers.cookie !== undefined
  );
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('<cb-viewer> credentials and foreign origins', function () {
  this.timeout(60000);
  let opened: Opened | undefined;

  before(async function () {
    await requireRig(this);
  });
  afterEach(async () => {
    opened?.viewer.remove();
    opened = undefined;
    await resetFaults();
  });

  it('refuses a BulkDataURI on an origin the host did not list, absolute or protocol-relative, and sends it nothing', async () => {
    opened = await open(() => undefined);
    for (const tag of [ABSOLUTE, PROTOCOL_RELATIVE]) {
      const error = await rejection(opened.dataset.loadBulkData(tag));
      expect(error, `tag ${tag.toString(16)}`).to.be.instanceOf(UntrustedOriginError);
      expect((error as UntrustedOriginError).message).not.to.include('127.0.0.1');
    }
    expect((await foreignOrigin()).requests, 'requests the foreign origin saw').to.deep.equal([]);
    expect(opened.hookUrls.some((url) => url.includes('/bulk/'))).to.equal(false);
  });

  it('fetches an allowed foreign origin bare: no token, no hook, no cookie, no refresh on its 401', async () => {
    const { url: foreign } = await foreignOrigin();
    opened = await open((viewer) => {
      viewer.anonymousOrigins = [foreign];
    });
    const bytes = await opened.dataset.loadBulkData(ABSOLUTE);
    expect([...(bytes ?? [])]).to.deep.equal(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(await opened.dataset.loadBulkData(PROTOCOL_RELATIVE)).to.have.length(16);
    const error = await rejection(opened.dataset.loadBulkData(UNAUTHORIZED));
    expect(error).to.be.instanceOf(DicomwebAuthError);
    expect(opened.refreshes(), 'refreshToken runs for the server only').to.equal(0);
    const received = (await foreignOrigin()).requests.filter((r) => r.method === 'GET');
    expect(received.map((r) => r.url).sort()).to.deep.equal(
      ['/bulk/401', '/bulk/green', '/bulk/red'].sort(),
    );
    expect(received.filter(carriesCredentials), 'requests carrying credentials').to.deep.equal([]);
    expect(received.every((r) => r.headers.referer === undefined)).to.equal(true);
    expect(opened.hookUrls.some((url) => url.includes('/bulk/'))).to.equal(false);
  });

  it('sends the credentials to an origin the host trusts by name', async () => {
    const { url: foreign } = await foreignOrigin();
    opened = await open((viewer) => {
      viewer.trustedOrigins = [foreign];
    });
    expect(await opened.dataset.loadBulkData(ABSOLUTE)).to.have.length(16);
    const [received] = (await foreignOrigin()).requests.filter((r) => r.method === 'GET');
    expect(received?.headers.authorization).to.equal(TOKEN);
    expect(received?.headers['x-hook-token']).to.equal(HOOK_TOKEN);
    expect(received?.url, 'never a token in a URL').to.equal('/bulk/red');
  });
});
