// The demo portal's HTTP routes (connect middleware for Vite's dev server):
//   POST /drimbox/launch      DRIMbox contextual call → 303 See Other to the viewer page (a
//                             StudyInstanceUID the DMP shares opens its KOS manifest, dmp.mjs)
//   POST /drimbox/launch-url  the same call → 200, the viewer page's URL as text/plain
//   GET  /viewer?launch=ID    the viewer page with that launch's context (once)
//   POST /portal/exam-code    the GP's exam code → 303 to the viewer page
//   POST /portal/viewer-token a bearer for the viewer, for the signed-in session
//   /dicom-web/*              the portal's DICOMweb proxy: a valid bearer, or 401
// Nothing here logs a request, a body or an identifier; every launch travels by POST body, and
// the viewer page's address holds only an opaque, single-use id.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { portal, MAX_CODE_FAILURES } from './portal.mjs';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {import('../../src/launch/launch-context.js').LaunchContext} LaunchContext */

const COOKIE = 'portal_session';
const MAX_BODY = 64 * 1024;
const PORTAL_PAGES = new Set([
  '/',
  '/index.html',
  '/viewer',
  '/gp.html',
  '/drimbox.html',
  '/qc.html',
  '/reading.html',
  '/IHEInvokeImageDisplay',
]);

/**
 * @param {{ server: import('vite').ViteDevServer }} options
 * @returns {(req: Request, res: Response, next: (error?: unknown) => void) => void}
 */
export function demoPortal({ server }) {
  const drimbox = () =>
    /** @type {Promise<typeof import('../../src/launch/drimbox-launch.js')>} */ (
      server.ssrLoadModule(`/@fs${resolve('src/launch/drimbox-launch.ts')}`)
    );
  const manifests = () =>
    Promise.all([
      server.ssrLoadModule(`/@fs${resolve('src/dicom/key-object-writer.ts')}`),
      server.ssrLoadModule(`/@fs${resolve('src/dicom/dicom-json-writer.ts')}`),
      server.ssrLoadModule(`/@fs${resolve('src/dicom/json-dataset.ts')}`),
      server.ssrLoadModule(`/@fs${resolve('src/dicom/key-object-selection.ts')}`),
    ]).then(([writer, json, dataset, kos]) => ({ writer, json, dataset, kos }));
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    const handle = async () => {
      if (url.pathname === '/dicom-web' || url.pathname.startsWith('/dicom-web/'))
        return gate(req, res, next);
      if (route === 'POST /drimbox/launch' || route === 'POST /drimbox/launch-url')
        return drimboxCall(req, res, await drimbox(), url.pathname.endsWith('-url'), manifests);
      if (route === 'POST /portal/exam-code') return examCode(req, res);
      if (route === 'POST /portal/viewer-token') return viewerToken(req, res);
      if (req.method === 'GET' && PORTAL_PAGES.has(url.pathname)) ensureSession(req, res);
      if (route === 'GET /viewer') return viewerPage(server, url, res);
      return next();
    };
    handle().catch(next);
  };
}

/** @param {Request} req */
function sessionIdOf(req) {
  const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
  return cookie?.slice(COOKIE.length + 1);
}

/** The stand-in signs the professional in on their first portal page. */
function ensureSession(/** @type {Request} */ req, /** @type {Response} */ res) {
  if (portal.session(sessionIdOf(req))) return;
  // HttpOnly: no script reads it; SameSite=Strict: no other site's request carries it.
  res.setHeader(
    'Set-Cookie',
    `${COOKIE}=${portal.openSession()}; Path=/; HttpOnly; SameSite=Strict`,
  );
}

/** A state-changing request from this portal's own pages (Fetch Metadata, then Origin). */
function sameOrigin(/** @type {Request} */ req) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  return origin !== undefined && new URL(origin).host === req.headers.host;
}

/** @param {Response} res @param {number} status @param {string} text @param {Record<string, string>} [headers] */
function answer(res, status, text, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** The POSTed form, urlencoded or multipart, as FormData. @param {Request} req */
async function formOf(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  const type = req.headers['content-type'] ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/.test(type)) return undefined;
  return new Request('http://portal.invalid/', {
    method: 'POST',
    headers: { 'content-type': type },
    body: Buffer.concat(chunks),
  })
    .formData()
    .catch(() => undefined);
}

/**
 * @param {Request} req @param {Response} res
 * @param {typeof import('../../src/launch/drimbox-launch.js')} parser
 * @param {boolean} asUrl the "200 with a viewer URL" answer instead of "303 to a page"
 * @param {() => Promise<Record<string, any>>} manifests the KOS writer, loaded through Vite
 */
async function drimboxCall(req, res, parser, asUrl, manifests) {
  const form = await formOf(req);
  if (!form) return answer(res, 400, 'A DRIMbox contextual call is a form POST');
  let context;
  try {
    context = parser.launchContextFromDrimbox(form);
  } catch (error) {
    if (!(error instanceof Error) || !('code' in error) || !('parameter' in error)) throw error;
    // The error names the field, never its value: safe to send back and to show.
    const status = error.code === 'patient-opposed' ? 403 : 400;
    return answer(res, status, error.message, {
      'X-Launch-Error': String(error.code),
      'X-Launch-Parameter': String(error.parameter),
    });
  }
  const shared = await sharedManifest(context, `http://${req.headers.host}`, manifests);
  const launch = shared ? { ...context, manifest: shared } : context;
  const location = `/viewer?launch=${portal.launches.put(launch)}`;
  if (asUrl) return answer(res, 200, `http://${req.headers.host}${location}`);
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

/**
 * The KOS manifest the DMP holds for the called patient (INS) and study, as DICOM JSON, each
 * series' Retrieve URL naming the DICOMweb root that serves it (here, the portal's own).
 * @param {LaunchContext} context @param {string} origin
 * @param {() => Promise<Record<string, any>>} manifests
 */
async function sharedManifest(context, origin, manifests) {
  const [study] = context.studyInstanceUids;
  const ins = context.identity?.ins?.value;
  const share = study && ins ? portal.dmp.find(ins, study) : undefined;
  if (!share) return undefined;
  const { writer, json, dataset, kos } = await manifests();
  const document = writer.createKeyObjectSelection({
    patientStudy: dataset.datasetFromDicomJson(share.patientStudy),
    title: kos.KeyObjectTitles.manifest,
    description: 'Partage DMP',
    items: share.instances.map((/** @type {import('./dmp.mjs').SharedInstance} */ item) => ({
      ...item,
      retrieveUrl: `${origin}/dicom-web/studies/${item.studyInstanceUid}/series/${item.seriesInstanceUid}`,
    })),
  });
  return json.datasetToDicomJson(document);
}

/** @param {Request} req @param {Response} res */
async function examCode(req, res) {
  const session = portal.session(sessionIdOf(req));
  if (!session || !sameOrigin(req)) return answer(res, 403, 'Sign in to the portal first');
  if (session.codeFailures >= MAX_CODE_FAILURES)
    return answer(res, 429, 'Too many unknown codes for this session');
  const code = (await formOf(req))?.get('code');
  const exam = typeof code === 'string' ? portal.codes.resolve(code) : undefined;
  if (!exam) {
    session.codeFailures++;
    res.writeHead(303, { Location: '/gp.html?erreur=code-inconnu', 'Cache-Control': 'no-store' });
    return res.end();
  }
  /** @type {LaunchContext} */
  const context = {
    source: 'portal',
    requestType: 'STUDY',
    patient: exam.patient,
    identity: exam.identity,
    studyInstanceUids: [exam.studyInstanceUid],
    accessionNumbers: [],
    filter: {},
    keyImagesOnly: false,
    diagnosticQuality: undefined,
  };
  res.writeHead(303, {
    Location: `/viewer?launch=${portal.launches.put(context)}`,
    'Cache-Control': 'no-store',
  });
  res.end();
}

/** @param {Request} req @param {Response} res */
function viewerToken(req, res) {
  const sessionId = sessionIdOf(req);
  if (!portal.session(sessionId) || !sameOrigin(req) || sessionId === undefined)
    return answer(res, 401, 'No portal session');
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(portal.bearers.issue(sessionId)));
}

/** The portal's DICOMweb proxy: the session's bearer, and the session's PSC token still active. */
function gate(/** @type {Request} */ req, /** @type {Response} */ res, next) {
  const sessionId = portal.bearers.check(req.headers.authorization);
  if (sessionId === undefined || !portal.session(sessionId)) {
    return answer(res, 401, 'Invalid or expired token', {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    });
  }
  // The archive behind trusts the portal, not the browser's bearer.
  delete req.headers.authorization;
  next();
}

/**
 * The portal page with the launch's context as inert JSON (never executed, read as data).
 * @param {import('vite').ViteDevServer} server @param {URL} url @param {Response} res
 */
async function viewerPage(server, url, res) {
  const context = portal.launches.take(url.searchParams.get('launch') ?? '');
  const data = context === undefined ? { error: 'launch-expired' } : context;
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const template = await readFile(resolve('demo/index.html'), 'utf8');
  const html = (await server.transformIndexHtml('/viewer', template)).replace(
    '</head>',
    `<script type="application/json" id="launch-context">${json}</script></head>`,
  );
  res.writeHead(context === undefined ? 410 : 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(html);
}
