/**
 * Serves the static tree written by scripts/demo-data/generate.mjs as a real
 * DICOMweb service (PS3.18): QIDO-RS searches, WADO-RS metadata, frames and
 * whole instances. Connect-style for Vite's `configureServer`, Koa-style for
 * @web/dev-server and @web/test-runner.
 *
 *   import { staticDicomweb } from './scripts/static-dicomweb.mjs';
 *   server.middlewares.use(staticDicomweb({ root: 'demo/data/dicom-web' }));
 *
 * Frames are never transcoded: a client that accepts only another transfer
 * syntax than the stored one gets 406 Not Acceptable. Files are streamed.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { applyQuery, parseQuery } from './demo-data/qido-filter.mjs';

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {Record<string, { vr: string, Value?: unknown[], BulkDataURI?: string }>} JsonDataSet
 * @typedef {{ transferSyntaxUid: string, part10: string, frames: [number, number][] }} FrameIndex
 * @typedef {{ root: string, prefix?: string }} Options
 * @typedef {{ file: string, start: number, length: number, contentType: string }} Part
 */

const UID = /^[0-9.]{1,64}$/;
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
/** PS3.18 Table 8.7.3-5: the media type of each stored transfer syntax's bytes. */
const MEDIA_TYPES = /** @type {Record<string, string>} */ ({
  '1.2.840.10008.1.2.4.50': 'image/jpeg',
  '1.2.840.10008.1.2.4.51': 'image/jpeg',
  '1.2.840.10008.1.2.4.57': 'image/jpeg',
  '1.2.840.10008.1.2.4.70': 'image/jpeg',
  '1.2.840.10008.1.2.4.80': 'image/jls',
  '1.2.840.10008.1.2.4.81': 'image/jls',
  '1.2.840.10008.1.2.4.90': 'image/jp2',
  '1.2.840.10008.1.2.4.91': 'image/jp2',
  '1.2.840.10008.1.2.4.201': 'image/jphc',
  '1.2.840.10008.1.2.4.202': 'image/jphc',
  '1.2.840.10008.1.2.4.203': 'image/jphc',
  '1.2.840.10008.1.2.5': 'image/dicom-rle',
});

class HttpError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {Options} options
 * @returns {(req: Request, res: Response, next: (error?: unknown) => void) => void}
 */
export function staticDicomweb(options) {
  const handle = createHandler(options);
  return (req, res, next) => {
    handle(req, res).then((handled) => (handled ? undefined : next()), next);
  };
}

/**
 * @param {Options} options
 * @returns {(ctx: { path: string, req: Request, res: Response, respond?: boolean }, next: () => Promise<unknown>) => Promise<unknown>}
 */
export function staticDicomwebKoa(options) {
  const handle = createHandler(options);
  const prefix = normalisePrefix(options.prefix);
  return async (ctx, next) => {
    if (ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`)) return next();
    ctx.respond = false; // we write the Node response ourselves (streams, multipart)
    await handle(ctx.req, ctx.res);
    return undefined;
  };
}

function normalisePrefix(/** @type {string | undefined} */ prefix = '/dicom-web') {
  return `/${prefix.replace(/^\/+|\/+$/g, '')}`;
}

/** @param {Options} options */
function createHandler({ root, prefix: rawPrefix }) {
  const prefix = normalisePrefix(rawPrefix);
  const base = resolve(root);
  const json = async (/** @type {string} */ path) =>
    /** @type {unknown} */ (JSON.parse(await readFile(resolve(base, path), 'utf8')));

  /** @param {Request} req @param {Response} res @returns {Promise<boolean>} */
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return false;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new HttpError(405, 'Only GET and HEAD are supported');
      const segments = url.pathname.slice(prefix.length).split('/').filter(Boolean);
      const origin = `${req.headers['x-forwarded-proto'] ?? 'http'}://${req.headers.host ?? 'localhost'}${prefix}/`;
      await route(segments, url.searchParams, req, res, { json, base, origin });
    } catch (error) {
      const status = error instanceof HttpError ? error.status : isMissing(error) ? 404 : 500;
      if (!res.headersSent) {
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(
          status === 500
            ? 'Internal error'
            : error instanceof HttpError
              ? error.message
              : 'Not found',
        );
      } else res.destroy();
    }
    return true;
  };
}

function isMissing(/** @type {unknown} */ error) {
  const code = error && typeof error === 'object' && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * @typedef {{ json: (path: string) => Promise<unknown>, base: string, origin: string }} Context
 * @param {string[]} s
 * @param {URLSearchParams} params
 * @param {Request} req
 * @param {Response} res
 * @param {Context} context
 */
async function route(s, params, req, res, context) {
  const [root, study, level2, series, level4, instance, level6, frameList] = s;
  for (const uid of [study, series, instance])
    if (uid !== undefined && !UID.test(uid)) throw new HttpError(404, 'Not found');
  const studyPath = `studies/${study}`;
  const seriesPath = `${studyPath}/series/${series}`;
  const instancePath = `${seriesPath}/instances/${instance}`;
  const n = s.length;
  if (root === 'studies' && n === 1)
    return search(res, req, params, await studyResults(context), context);
  if (root === 'series' && n === 1)
    return search(res, req, params, await seriesResults(context), context);
  if (root === 'instances' && n === 1)
    return search(res, req, params, await instanceResults(context), context);
  if (root !== 'studies') throw new HttpError(404, 'Not found');
  if (n === 2)
    return retrieveInstances(
      res,
      req,
      await instancePaths(context, study ?? '', undefined),
      context,
    );
  if (n === 3 && level2 === 'series')
    return search(res, req, params, await seriesResults(context, study), context);
  if (n === 3 && level2 === 'instances')
    return search(res, req, params, await instanceResults(context, study), context);
  if (n === 3 && level2 === 'metadata')
    return sendJson(res, req, await context.json(`${studyPath}/metadata.json`), context);
  if (level2 !== 'series') throw new HttpError(404, 'Not found');
  if (n === 4)
    return retrieveInstances(res, req, await instancePaths(context, study ?? '', series), context);
  if (n === 5 && level4 === 'instances')
    return search(res, req, params, await instanceResults(context, study, series), context);
  if (n === 5 && level4 === 'metadata')
    return sendJson(res, req, await context.json(`${seriesPath}/metadata.json`), context);
  if (level4 !== 'instances') throw new HttpError(404, 'Not found');
  if (n === 6) return retrieveInstances(res, req, [instancePath], context);
  if (n === 7 && level6 === 'metadata')
    return sendJson(res, req, await context.json(`${instancePath}/metadata.json`), context);
  if (n === 8 && level6 === 'frames' && /^\d+(,\d+)*$/.test(frameList ?? '')) {
    return retrieveFrames(
      res,
      req,
      instancePath,
      (frameList ?? '').split(',').map(Number),
      context,
    );
  }
  throw new HttpError(404, 'Not found');
}

/** @param {Context} context @param {string} [study] */
async function seriesResults(context, study) {
  const studies = /** @type {JsonDataSet[]} */ (await studyResults(context));
  const wanted =
    study === undefined ? studies : studies.filter((s) => s['0020000D']?.Value?.[0] === study);
  if (study !== undefined && wanted.length === 0) throw new HttpError(404, 'Not found');
  const results = [];
  for (const s of wanted) {
    const uid = String(s['0020000D']?.Value?.[0]);
    // Series found across studies carry their study's attributes, so they can be matched on them too.
    for (const series of /** @type {JsonDataSet[]} */ (
      await context.json(`studies/${uid}/series.json`)
    )) {
      results.push(study === undefined ? { ...studyLevel(s), ...series } : series);
    }
  }
  return results;
}

/** @param {Context} context @param {string} [study] @param {string} [series] */
async function instanceResults(context, study, series) {
  const results = [];
  for (const s of await seriesResults(context, study)) {
    const uid = String(s['0020000E']?.Value?.[0]);
    if (series !== undefined && uid !== series) continue;
    const studyUid = String(s['0020000D']?.Value?.[0]);
    for (const instance of /** @type {JsonDataSet[]} */ (
      await context.json(`studies/${studyUid}/series/${uid}/instances.json`)
    )) {
      results.push(series === undefined ? { ...seriesLevel(s), ...instance } : instance);
    }
  }
  if (series !== undefined && results.length === 0) throw new HttpError(404, 'Not found');
  return results;
}

/** @param {Context} context */
async function studyResults(context) {
  return /** @type {JsonDataSet[]} */ (await context.json('studies.json'));
}

/** Study attributes minus the study-level counts and URL, which would mislead at series level. */
function studyLevel(/** @type {JsonDataSet} */ study) {
  const {
    '00201206': _series,
    '00201208': _instances,
    '00081190': _url,
    '00080056': _availability,
    ...rest
  } = study;
  return rest;
}

function seriesLevel(/** @type {JsonDataSet} */ series) {
  const { '00201209': _count, '00081190': _url, '00080056': _availability, ...rest } = series;
  return rest;
}

/**
 * PS3.18 §8.3.4: 200 with an empty array when nothing matches (204 is also allowed; 200 is simpler for clients).
 * @param {Response} res @param {Request} req @param {URLSearchParams} params @param {JsonDataSet[]} results @param {Context} context
 */
function search(res, req, params, results, context) {
  return sendJson(res, req, applyQuery(results, parseQuery(params)), context);
}

/** @param {Response} res @param {Request} req @param {unknown} body @param {Context} context */
function sendJson(res, req, body, context) {
  const text = JSON.stringify(absolutise(body, context.origin));
  res.writeHead(200, {
    'Content-Type': 'application/dicom+json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/** Stored URIs are relative to the service root; clients (dicomweb-client …) expect absolute ones. */
function absolutise(/** @type {unknown} */ value, /** @type {string} */ origin) {
  if (Array.isArray(value)) return value.map((v) => absolutise(v, origin));
  if (!value || typeof value !== 'object') return value;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'BulkDataURI' && typeof v === 'string') out[key] = new URL(v, origin).href;
    else if (
      key === '00081190' &&
      v &&
      typeof v === 'object' &&
      'Value' in v &&
      Array.isArray(v.Value)
    ) {
      out[key] = { ...v, Value: v.Value.map((u) => new URL(String(u), origin).href) };
    } else out[key] = absolutise(v, origin);
  }
  return out;
}

/**
 * One media range of an Accept header: type, its parameters, quality.
 * @param {string | undefined} header
 */
function parseAccept(header) {
  return (header ?? '*/*')
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((range) => {
      const [type = '', ...rest] = range.split(';').map((p) => p.trim());
      /** @type {Record<string, string>} */
      const parameters = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0)
          parameters[p.slice(0, eq).trim().toLowerCase()] = p
            .slice(eq + 1)
            .trim()
            .replace(/^"|"$/g, '');
      }
      return { type: type.toLowerCase(), parameters, q: Number(parameters.q ?? '1') };
    })
    .filter((r) => r.q > 0);
}

/**
 * PS3.18 §8.7.3: which part media type to answer frames with, or undefined
 * (406) when no acceptable range allows the stored transfer syntax.
 * @param {string | undefined} accept
 * @param {string} storedTs
 * @param {boolean} single whether a bare (non-multipart) answer is allowed
 */
function negotiateFrames(accept, storedTs, single) {
  const native = MEDIA_TYPES[storedTs] ?? 'application/octet-stream';
  for (const { type, parameters } of parseAccept(accept)) {
    const multipart = type === 'multipart/related';
    // A single frame may come as one bare body (PS3.18 §8.7.3.5): octet-stream or its own media type.
    const bare = single && (type === 'application/octet-stream' || type === native);
    if (!multipart && !bare && type !== '*/*') continue;
    const partType = multipart
      ? (parameters.type ?? 'application/octet-stream').toLowerCase()
      : type;
    const ts = parameters['transfer-syntax'];
    if (partType === '*/*' || partType === '*')
      return { partType: native, multipart: multipart || type === '*/*' };
    const tsOk =
      ts === '*' ||
      ts === storedTs ||
      (ts === undefined &&
        (partType === 'application/octet-stream' ? storedTs === EXPLICIT_LE : partType === native));
    if (tsOk && (partType === 'application/octet-stream' || partType === native))
      return { partType, multipart };
  }
  return undefined;
}

/**
 * @param {Response} res @param {Request} req @param {string} instancePath @param {number[]} numbers @param {Context} context
 */
async function retrieveFrames(res, req, instancePath, numbers, context) {
  const index = /** @type {FrameIndex} */ (await context.json(`${instancePath}/frames.json`));
  const file = resolve(context.base, index.part10);
  const ranges = numbers.map((n) => {
    const range = index.frames[n - 1];
    if (!range) throw new HttpError(404, `Frame ${n} does not exist`);
    return range;
  });
  const choice = negotiateFrames(req.headers.accept, index.transferSyntaxUid, ranges.length === 1);
  if (!choice)
    throw new HttpError(
      406,
      `Frames are stored as ${index.transferSyntaxUid} and are not transcoded`,
    );
  const contentType = `${choice.partType}; transfer-syntax=${index.transferSyntaxUid}`;
  const parts = ranges.map(([start, length]) => ({ file, start, length, contentType }));
  const [only] = parts;
  if (!choice.multipart && only) return sendBare(res, req, only);
  return sendParts(res, req, parts, choice.partType);
}

/**
 * One frame as a bare body, with HTTP byte ranges (RFC 9110 §14): a client can fetch the
 * first bytes of a JPEG 2000 codestream for a reduced-resolution preview, then the rest.
 * Several ranges in one request are answered with the whole body (§14.2 lets a server ignore
 * Range), an unsatisfiable one with 416.
 * @param {Response} res @param {Request} req @param {Part} part
 */
async function sendBare(res, req, part) {
  const range = byteRange(req.headers.range, part.length);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${part.length}`, 'Accept-Ranges': 'bytes' });
    return void res.end();
  }
  const start = range?.start ?? 0;
  const length = range ? range.end - range.start + 1 : part.length;
  res.writeHead(range ? 206 : 200, {
    'Content-Type': part.contentType,
    'Content-Length': length,
    'Accept-Ranges': 'bytes',
    ...(range ? { 'Content-Range': `bytes ${start}-${range.end}/${part.length}` } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  await pipeRange({ ...part, start: part.start + start, length }, res);
  res.end();
}

/**
 * A single `bytes=` range of RFC 9110 §14.1.2 (first-last, first-, or -suffix), clipped to
 * the body; undefined for no Range header, several ranges or another unit.
 * @param {string | undefined} header @param {number} size
 * @returns {{ start: number, end: number } | 'unsatisfiable' | undefined}
 */
export function byteRange(header, size) {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return undefined;
  return { start, end };
}

/** @param {Context} context @param {string} study @param {string | undefined} series */
async function instancePaths(context, study, series) {
  const instances = await instanceResults(context, study, series);
  return instances.map(
    (i) =>
      `studies/${study}/series/${i['0020000E']?.Value?.[0] ?? series}/instances/${i['00080018']?.Value?.[0]}`,
  );
}

/**
 * Whole instances as Part 10 files, as stored (PS3.18 §10.4). A requested
 * transfer syntax other than the stored one or * is refused with 406.
 * @param {Response} res @param {Request} req @param {string[]} paths @param {Context} context
 */
async function retrieveInstances(res, req, paths, context) {
  const ranges = parseAccept(req.headers.accept);
  const dicom = ranges.find(
    (r) =>
      r.type === '*/*' ||
      (r.type === 'multipart/related' &&
        ['application/dicom', undefined].includes(r.parameters.type)),
  );
  if (!dicom)
    throw new HttpError(
      406,
      'Instances are only available as multipart/related; type="application/dicom"',
    );
  const wantedTs = dicom.parameters['transfer-syntax'];
  /** @type {Part[]} */
  const parts = [];
  for (const path of paths) {
    const index = /** @type {FrameIndex} */ (await context.json(`${path}/frames.json`));
    if (wantedTs && wantedTs !== '*' && wantedTs !== index.transferSyntaxUid)
      throw new HttpError(406, 'Instances are not transcoded');
    const file = resolve(context.base, index.part10);
    const { size } = await stat(file);
    parts.push({
      file,
      start: 0,
      length: size,
      contentType: `application/dicom; transfer-syntax=${index.transferSyntaxUid}`,
    });
  }
  return sendParts(res, req, parts, 'application/dicom');
}

/**
 * Streams byte ranges of files one after the other, as multipart/related
 * (RFC 2387) when partType is given, else as a single body.
 * @param {Response} res @param {Request} req @param {Part[]} parts @param {string | undefined} partType
 */
async function sendParts(res, req, parts, partType) {
  const boundary = `courbaril-${randomUUID()}`;
  const heads = parts.map((p) =>
    partType
      ? `--${boundary}\r\nContent-Type: ${p.contentType}\r\nContent-Length: ${p.length}\r\n\r\n`
      : '',
  );
  const tail = partType ? `--${boundary}--\r\n` : '';
  const separator = partType ? '\r\n' : '';
  const total =
    parts.reduce(
      (sum, p, i) => sum + Buffer.byteLength(heads[i] ?? '') + p.length + separator.length,
      0,
    ) + tail.length;
  res.writeHead(200, {
    'Content-Type': partType
      ? `multipart/related; type="${partType}"; boundary=${boundary}`
      : (parts[0]?.contentType ?? 'application/octet-stream'),
    'Content-Length': total,
  });
  if (req.method === 'HEAD') return void res.end();
  for (const [i, part] of parts.entries()) {
    if (res.destroyed) return;
    res.write(heads[i] ?? '');
    await pipeRange(part, res);
    res.write(separator);
  }
  res.end(tail);
}

/** @param {Part} part @param {Response} res */
function pipeRange(part, res) {
  return new Promise((resolvePipe, reject) => {
    if (part.length === 0) return resolvePipe(undefined);
    const stream = createReadStream(part.file, {
      start: part.start,
      end: part.start + part.length - 1,
    });
    // A client that goes away mid-answer must not leave the file open or this promise pending.
    const onClose = () => {
      stream.destroy();
      resolvePipe(undefined);
    };
    res.once('close', onClose);
    stream.on('error', reject);
    stream.on('end', () => {
      res.off('close', onClose);
      resolvePipe(undefined);
    });
    stream.pipe(res, { end: false });
  });
}
