import { DecodeError } from '../dicom/errors.js';
import { trustedScriptUrl, TrustedTypesPolicyError } from '../internal/trusted-script-url.js';

/**
 * Starts a module worker from `url`. A module worker's script must be same-origin with the
 * page (HTML, "fetch a module worker script graph" uses mode "same-origin"), so a worker
 * served from another origin (the standalone module on a CDN) starts as a same-origin `blob:`
 * module that imports it; that import is a CORS request, and the worker's codec chunks and
 * `.wasm` then resolve from the CDN module's own URL. The page's CSP needs `blob:` and the CDN
 * in `worker-src` (the worker's imports are fetched as its script graph), the CDN in
 * `script-src` (lazy codec chunks) and `connect-src` (`.wasm`).
 */
export function startModuleWorker(url: URL): Worker {
  try {
    return startWorker(url);
  } catch (error) {
    // DecodePool's contract: a worker that cannot start fails its task with DecodeError.
    if (error instanceof TrustedTypesPolicyError) throw new DecodeError(error.message);
    throw error;
  }
}

function startWorker(url: URL): Worker {
  if (url.origin === globalThis.location.origin) {
    return new Worker(trustedScriptUrl(url.href), { type: 'module' });
  }
  const bootstrap = new Blob([`import ${JSON.stringify(url.href)};\n`], {
    type: 'text/javascript',
  });
  const blobUrl = URL.createObjectURL(bootstrap);
  try {
    return new Worker(trustedScriptUrl(blobUrl), { type: 'module' });
  } finally {
    // The constructor has already resolved the blob URL (URL parsing captures its blob entry).
    URL.revokeObjectURL(blobUrl);
  }
}
