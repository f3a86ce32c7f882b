// The demo portal's back end state, one per dev server process: launches waiting for their
// page, exam codes, portal sessions and the Pro Santé Connect stand-in. Tests import this module
// (the same instance the dev server uses) to issue an exam code or shorten a bearer's life.
import { randomBytes } from 'node:crypto';
import { createExamCodes, issueDemoCodes } from './exam-codes.mjs';
import { createDmp } from './dmp.mjs';
import { createLaunchStore } from './launch-store.mjs';
import { createPscStandIn, createViewerBearers } from './tokens.mjs';

/** The demo's signed-in professional (an invented RPPS number). */
const PROFESSIONAL = '10001234567';
/** Wrong exam codes a session may type before the portal stops answering it. */
export const MAX_CODE_FAILURES = 5;

function createPortal() {
  const psc = createPscStandIn();
  /** @type {Map<string, { pscToken: string, codeFailures: number }>} */
  const sessions = new Map();
  const codes = createExamCodes();
  issueDemoCodes(codes);
  return {
    launches: createLaunchStore(),
    codes,
    dmp: createDmp(),
    psc,
    bearers: createViewerBearers(),
    /** The stand-in signs the professional in with PSC; the token stays in the session. */
    openSession() {
      const id = randomBytes(32).toString('base64url');
      sessions.set(id, { pscToken: psc.signIn(PROFESSIONAL), codeFailures: 0 });
      return id;
    },
    /** @param {string | undefined} id */
    session(id) {
      const session = id === undefined ? undefined : sessions.get(id);
      return session && psc.active(session.pscToken) ? session : undefined;
    },
  };
}

export const portal = createPortal();
