/** What failed, as a stable code a host can switch on. */
export type ViewerErrorCode =
  | 'no-server'
  | 'identifier'
  | 'history'
  | 'no-study'
  | 'metadata'
  | 'series'
  | 'report'
  | 'protocol'
  | 'cache'
  /** A KOS manifest (or a study's key image notes) could not be read or opened. */
  | 'manifest'
  /** Key images could not be saved (STOW-RS refused, or nothing was marked). */
  | 'key-images'
  /** The server answered 401 after `refreshToken()` ran once: the patient is closed and purged. */
  | 'unauthorized'
  /** The server answered 403: the patient is closed and its cached records purged. */
  | 'forbidden';

export interface ViewerErrorDetail {
  readonly code: ViewerErrorCode;
  /** A fixed English sentence for logs: never a URL, a header or patient data. */
  readonly message: string;
  /** The underlying error's class name (DicomwebHttpError, DecodeError …), for diagnosis. */
  readonly cause: string | undefined;
  /** The HTTP status when a server answered with one. */
  readonly status: number | undefined;
}

const MESSAGES: Record<ViewerErrorCode, string> = {
  'no-server': 'The viewer has no DICOMweb server (set the server attribute)',
  identifier:
    'A patient ID, issuer, accession number or study UID holds a wildcard or control character',
  history: 'The patient history could not be searched',
  'no-study': 'No study matched the request',
  metadata: 'Series metadata could not be retrieved',
  series: 'A series could not be loaded',
  report: 'A report could not be retrieved',
  protocol: 'The requested hanging protocol does not exist',
  cache: 'The cache could not be cleared',
  manifest: 'The Key Object Selection could not be read or opened',
  'key-images': 'The key images could not be saved',
  unauthorized:
    'The server refused the user (HTTP 401): the patient was closed and its cached records deleted',
  forbidden:
    'The server refused access (HTTP 403): the patient was closed and its cached records deleted',
};

/** Something the viewer could not do; the rest of it keeps working. */
export class ViewerErrorEvent extends Event {
  static readonly eventName = 'cb-error';
  readonly detail: ViewerErrorDetail;
  constructor(code: ViewerErrorCode, cause?: unknown) {
    super(ViewerErrorEvent.eventName, { bubbles: true, composed: true });
    const status =
      typeof cause === 'object' && cause !== null && 'status' in cause
        ? Number(cause.status)
        : undefined;
    this.detail = {
      code,
      message: MESSAGES[code],
      cause: causeName(cause),
      status: status !== undefined && Number.isFinite(status) ? status : undefined,
    };
  }
}

/** An error's class name, or the `cause` an event already summarised (cb-series-error's detail). */
function causeName(cause: unknown): string | undefined {
  if (cause instanceof Error) return cause.name;
  if (typeof cause === 'object' && cause !== null && 'cause' in cause)
    return typeof cause.cause === 'string' ? cause.cause : undefined;
  return undefined;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-error': ViewerErrorEvent;
  }
}
