/**
 * The DICOMweb root behind a Retrieve URL (0008,1190). A KOS manifest names, per series, the
 * WADO-RS resource that holds it (PS3.3 C.17.6.2 via the Hierarchical Series Reference macro; a
 * DRIMbox manifest always does): `{root}/studies/{study}/series/{series}` (PS3.18 10.4.1), or the
 * study's resource, or the root itself. The viewer talks to that root as to its own server, under
 * the same origin rules.
 */
import { CourbarilError } from '../dicom/errors.js';

/** A Retrieve URL that is not an http(s) URL, or that names another study or series than its item. */
export class RetrieveUrlError extends CourbarilError {
  override name = 'RetrieveUrlError';
}

const RESOURCE = /\/studies\/([^/]+)(?:\/series\/([^/]+))?\/?$/;

/**
 * The root, without query or fragment (a manifest must not smuggle a token into the requests the
 * viewer builds; credentials are the host's, by origin). Throws RetrieveUrlError, naming no value.
 */
export function dicomwebRootOf(
  retrieveUrl: string,
  studyInstanceUid: string,
  seriesInstanceUid: string,
): string {
  if (!URL.canParse(retrieveUrl))
    throw new RetrieveUrlError('A Retrieve URL is not an absolute URL');
  const url = new URL(retrieveUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new RetrieveUrlError('A Retrieve URL is not an http(s) URL');
  const path = url.pathname;
  const match = RESOURCE.exec(path);
  if (match === null) return `${url.origin}${path.replace(/\/+$/, '')}`;
  const [, study, series] = match;
  if (decodeURIComponent(study ?? '') !== studyInstanceUid)
    throw new RetrieveUrlError('A Retrieve URL names another study than its evidence item');
  if (series !== undefined && decodeURIComponent(series) !== seriesInstanceUid)
    throw new RetrieveUrlError('A Retrieve URL names another series than its evidence item');
  return `${url.origin}${path.slice(0, match.index)}`;
}
