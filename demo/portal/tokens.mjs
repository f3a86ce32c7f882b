// Pro Santé Connect, the portal's way, with a local stand-in for the identity provider.
//  - The professional signs in with PSC (OpenID Connect); the portal's back end receives the
//    access token and keeps it in the portal session, on the server: the browser never sees it.
//  - The page asks the portal (same origin, session cookie) for a short-lived bearer of its own;
//    the viewer sends that bearer to the portal's DICOMweb proxy, which checks it, then that the
//    session's PSC token is still active, and only then lets the request through to the archive.
//  - A refused bearer is a 401 with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750
//    3.1): the viewer's `refreshToken` asks the portal for a new one and the request is retried.
import { randomBytes } from 'node:crypto';

/** @param {number} bytes */
const token = (bytes) => randomBytes(bytes).toString('base64url');

/**
 * The stand-in for the PSC identity provider: issues and introspects access tokens.
 * @param {{ now?: () => number }} [options]
 */
export function createPscStandIn({ now = Date.now } = {}) {
  /** @type {Map<string, { subject: string, expires: number }>} */
  const issued = new Map();
  return {
    /** Signs a professional in (the stand-in trusts them). @param {string} subject RPPS number */
    signIn(subject, lifetimeMs = 8 * 3600_000) {
      const accessToken = token(32);
      issued.set(accessToken, { subject, expires: now() + lifetimeMs });
      return accessToken;
    },
    /** RFC 7662 introspection, reduced to what the proxy needs. @param {string} accessToken */
    active(accessToken) {
      const grant = issued.get(accessToken);
      return grant !== undefined && grant.expires > now();
    },
    /** @param {string} accessToken */
    revoke(accessToken) {
      issued.delete(accessToken);
    },
  };
}

/**
 * The portal's bearers for its viewer: each is bound to one portal session and expires after
 * `lifetimeMs`, or after `uses` authorised requests when set (a test's way to make a token expire
 * in the middle of a series without waiting for a clock).
 * @param {{ lifetimeMs?: number, uses?: number, now?: () => number }} [options]
 */
export function createViewerBearers({ lifetimeMs = 5 * 60_000, uses, now = Date.now } = {}) {
  /** @type {Map<string, { sessionId: string, expires: number, left: number }>} */
  const bearers = new Map();
  const settings = { lifetimeMs, uses };
  const counters = { issued: 0, refused: 0, accepted: 0 };
  return {
    counters,
    /** @param {{ lifetimeMs?: number, uses?: number | undefined }} changes */
    configure(changes) {
      Object.assign(settings, changes);
    },
    /** @param {string} sessionId */
    issue(sessionId) {
      for (const [value, bearer] of bearers) if (bearer.expires <= now()) bearers.delete(value);
      const value = token(32);
      bearers.set(value, {
        sessionId,
        expires: now() + settings.lifetimeMs,
        left: settings.uses ?? Infinity,
      });
      counters.issued++;
      return { access_token: value, token_type: 'Bearer', expires_in: settings.lifetimeMs / 1000 };
    },
    /**
     * The session a request's bearer belongs to, counting one use; undefined when refused.
     * @param {string | undefined} authorization the Authorization header
     */
    check(authorization) {
      const value = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization ?? '')?.[1];
      const bearer = value === undefined ? undefined : bearers.get(value);
      if (!bearer || bearer.expires <= now() || bearer.left <= 0) {
        counters.refused++;
        return undefined;
      }
      bearer.left--;
      counters.accepted++;
      return bearer.sessionId;
    },
  };
}
