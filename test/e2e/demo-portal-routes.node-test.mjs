// The demo portal's server routes over HTTP (demo/portal/routes.mjs), served by the real Vite
// dev server: the DRIMbox contextual call and its two answers, the single-use launch ids, the
// GP's exam code, the viewer token and the DICOMweb proxy's bearer check. No browser and no
// archive needed: every answer checked here is the portal's own.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../../scripts/test/orthanc.mjs';
import { portal, MAX_CODE_FAILURES } from '../../demo/portal/portal.mjs';
import { createLaunchStore } from '../../demo/portal/launch-store.mjs';
import { createViewerBearers } from '../../demo/portal/tokens.mjs';

/** A fictitious, well-formed call; its values must never come back in a URL or an error. */
const CALL = {
  'Patient.identifier.value': '268049710504236',
  'Patient.identifier.system': 'urn:oid:1.2.250.1.213.1.4.10',
  'Patient.name.family': 'JOSEPH',
  'Patient.name.given': 'Marie-Line',
  'Patient.gender': 'female',
  'Patient.birthDate': '1968-04-12',
  'Address.district': '97105',
  InformationEtOppositionConsultation: 'true',
  PatientID: '971-000123',
  PatientIDIssuer: 'ILES-SANTE',
  StudyInstanceUID: '1.2.826.0.1.3680043.10.543.7',
};
const SECRETS = ['268049710504236', 'JOSEPH', 'Marie', '1968', '971-000123'];

let base = '';
/** @type {import('vite').ViteDevServer | undefined} */
let server;

before(async () => {
  const { createServer } = await import('vite');
  const port = await freePort();
  server = await createServer({
    configFile: 'vite.config.ts',
    mode: 'development',
    logLevel: 'silent',
    server: { port, strictPort: true, host: '127.0.0.1' },
  });
  await server.listen();
  base = `http://127.0.0.1:${port}`;
});
after(() => server?.close());

/** @param {string} path @param {Record<string, string>} fields @param {RequestInit} [init] */
function post(path, fields, init = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
    ...init,
  });
}

/** A signed-in portal session (the stand-in signs in on the first portal page). */
async function signIn() {
  const page = await fetch(`${base}/gp.html`);
  const cookie = page.headers.get('set-cookie')?.split(';')[0];
  assert.ok(cookie?.startsWith('portal_session='), 'a session cookie');
  assert.match(page.headers.get('set-cookie') ?? '', /HttpOnly; SameSite=Strict/);
  return { cookie, 'sec-fetch-site': 'same-origin' };
}

/** @param {string} text */
function assertNoSecret(text) {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), 'no identity trait leaked');
}

describe('the DRIMbox contextual call', () => {
  it('answers 303 to a viewer page whose address holds only an opaque id, and serves it once', async () => {
    const response = await post('/drimbox/launch', CALL);
    assert.equal(response.status, 303);
    const location = response.headers.get('location') ?? '';
    assert.match(location, /^\/viewer\?launch=[A-Za-z0-9_-]{43}$/);
    assertNoSecret(location);
    const page = await fetch(`${base}${location}`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const html = await page.text();
    const json = /<script type="application\/json" id="launch-context">(.*?)<\/script>/.exec(html);
    const context = JSON.parse(json?.[1] ?? 'null');
    assert.equal(context.source, 'drimbox');
    assert.equal(context.requestType, 'STUDY');
    assert.deepEqual(context.studyInstanceUids, [CALL.StudyInstanceUID]);
    assert.equal(context.identity.ins.kind, 'INS-NIR-TEST');
    const again = await fetch(`${base}${location}`);
    assert.equal(again.status, 410, 'a launch id serves once');
    assert.match(await again.text(), /"error":"launch-expired"/);
  });

  it('answers 200 with the viewer URL on /drimbox/launch-url, multipart forms included', async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries(CALL)) form.append(name, value);
    const response = await fetch(`${base}/drimbox/launch-url`, { method: 'POST', body: form });
    assert.equal(response.status, 200);
    const url = await response.text();
    assert.match(url, new RegExp(`^${base}/viewer\\?launch=[A-Za-z0-9_-]{43}$`));
    assert.equal((await fetch(url)).status, 200);
  });

  it('refuses an opposition with 403 and the reason, and opens nothing', async () => {
    const before = portal.launches.size;
    const response = await post('/drimbox/launch', {
      ...CALL,
      InformationEtOppositionConsultation: 'false',
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('x-launch-error'), 'patient-opposed');
    assert.match(await response.text(), /opposed/);
    assert.equal(portal.launches.size, before, 'no launch stored');
  });

  for (const [what, fields, code, parameter] of [
    ['an unknown field', { ...CALL, Comment: 'x' }, 'unknown-parameter', 'Comment'],
    ['an empty field', { ...CALL, Situation: '' }, 'empty-parameter', 'Situation'],
    [
      'a wrong INS key',
      { ...CALL, 'Patient.identifier.value': '268049710504237' },
      'invalid-value',
      'Patient.identifier.value',
    ],
  ]) {
    it(`refuses ${what} with 400, naming the field and no value`, async () => {
      const response = await post('/drimbox/launch', fields);
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('x-launch-error'), code);
      assert.equal(response.headers.get('x-launch-parameter'), parameter);
      assertNoSecret(await response.text());
    });
  }

  it('refuses a body that is not a form', async () => {
    const response = await post(
      '/drimbox/launch',
      {},
      {
        body: JSON.stringify(CALL),
        headers: { 'content-type': 'application/json' },
      },
    );
    assert.equal(response.status, 400);
  });
});

describe('the GP’s exam code', () => {
  it('resolves a code on the server (any case, separators optional) to a viewer page for that exam', async () => {
    const headers = await signIn();
    const code = portal.codes.issue({
      patient: { id: 'P-CODE-1' },
      studyInstanceUid: '1.2.3.4',
      identity: { birthName: 'TEST' },
    });
    const response = await post(
      '/portal/exam-code',
      { code: code.toLowerCase().replace(/-/g, ' ') },
      { headers },
    );
    assert.equal(response.status, 303);
    const location = response.headers.get('location') ?? '';
    assert.ok(!location.includes(code.replace(/-/g, '')) && !location.includes(code));
    const html = await (await fetch(`${base}${location}`)).text();
    assert.match(html, /"studyInstanceUids":\["1\.2\.3\.4"\]/);
    assert.match(html, /"source":"portal"/);
  });

  it('sends an unknown code back to the form without the code, and stops answering after a few', async () => {
    const headers = await signIn();
    for (let i = 0; i < MAX_CODE_FAILURES; i++) {
      const response = await post('/portal/exam-code', { code: `ZZZZ-ZZZZ-ZZ${i}Z` }, { headers });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/gp.html?erreur=code-inconnu');
    }
    const code = portal.codes.issue({
      patient: { id: 'P' },
      studyInstanceUid: '1.2',
      identity: {},
    });
    assert.equal((await post('/portal/exam-code', { code }, { headers })).status, 429);
  });

  it('takes codes only from a signed-in session on the portal’s own pages', async () => {
    const { cookie } = await signIn();
    const code = portal.codes.issue({
      patient: { id: 'P' },
      studyInstanceUid: '1.2',
      identity: {},
    });
    assert.equal((await post('/portal/exam-code', { code })).status, 403);
    const crossSite = { cookie, 'sec-fetch-site': 'cross-site' };
    assert.equal((await post('/portal/exam-code', { code }, { headers: crossSite })).status, 403);
  });
});

describe('tokens the portal’s way', () => {
  it('gives the signed-in page a bearer that the DICOMweb proxy checks', async () => {
    assert.equal((await fetch(`${base}/portal/viewer-token`, { method: 'POST' })).status, 401);
    const headers = await signIn();
    const token = await fetch(`${base}/portal/viewer-token`, { method: 'POST', headers });
    assert.equal(token.status, 200);
    const { access_token: bearer, token_type: type } = await token.json();
    assert.equal(type, 'Bearer');
    const refused = await fetch(`${base}/dicom-web/studies`);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    const forged = await fetch(`${base}/dicom-web/studies`, {
      headers: { authorization: 'Bearer not-issued' },
    });
    assert.equal(forged.status, 401);
    const accepted = await fetch(`${base}/dicom-web/studies`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    assert.notEqual(accepted.status, 401, 'the bearer goes through to the archive');
  });

  it('refuses a bearer once its uses are spent, and one whose session’s PSC token was revoked', () => {
    const bearers = createViewerBearers({ uses: 2 });
    const { access_token: bearer } = bearers.issue('session-1');
    assert.equal(bearers.check(`Bearer ${bearer}`), 'session-1');
    assert.equal(bearers.check(`Bearer ${bearer}`), 'session-1');
    assert.equal(bearers.check(`Bearer ${bearer}`), undefined);
    const sessionId = portal.openSession();
    assert.ok(portal.session(sessionId));
    const { pscToken } = portal.session(sessionId);
    portal.psc.revoke(pscToken);
    assert.equal(portal.session(sessionId), undefined);
  });
});

describe('the launch store', () => {
  it('forgets a launch after its TTL and after its first take', () => {
    let now = 0;
    const store = createLaunchStore({ ttlMs: 1000, now: () => now });
    const context = /** @type {any} */ ({ source: 'portal' });
    const first = store.put(context);
    const second = store.put(context);
    assert.notEqual(first, second);
    assert.equal(store.take(first), context);
    assert.equal(store.take(first), undefined);
    now = 1000;
    assert.equal(store.take(second), undefined);
    assert.equal(store.size, 0);
  });
});
