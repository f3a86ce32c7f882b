// The portal keeps each launch on its server: the DRIMbox call or the GP's exam code gives a
// launch context (identity included), stored under an opaque random id; the viewer page is
// served for that id, once. The browser's address only ever holds the id: no identity, no
// identifier, nothing a history list, a proxy log or a Referer could leak.
import { randomBytes } from 'node:crypto';

/** @typedef {import('../../src/launch/launch-context.js').LaunchContext} LaunchContext */

/**
 * @param {{ ttlMs?: number, now?: () => number }} [options] ttlMs: how long a launch waits for
 *   its page (default 2 minutes: the time of a redirect, not of a session).
 */
export function createLaunchStore({ ttlMs = 120_000, now = Date.now } = {}) {
  /** @type {Map<string, { context: LaunchContext, expires: number }>} */
  const launches = new Map();
  const sweep = () => {
    const time = now();
    for (const [id, launch] of launches) if (launch.expires <= time) launches.delete(id);
  };
  return {
    /** Stores a launch; returns its id (256 random bits, URL-safe). @param {LaunchContext} context */
    put(context) {
      sweep();
      const id = randomBytes(32).toString('base64url');
      launches.set(id, { context, expires: now() + ttlMs });
      return id;
    },
    /**
     * The launch, once: a second take, or one after the TTL, finds nothing.
     * @param {string} id @returns {LaunchContext | undefined}
     */
    take(id) {
      const launch = launches.get(id);
      launches.delete(id);
      sweep();
      return launch && launch.expires > now() ? launch.context : undefined;
    },
    get size() {
      sweep();
      return launches.size;
    },
  };
}
