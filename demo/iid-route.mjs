// IHE Invoke Image Display (IID): `/IHEInvokeImageDisplay?requestType=…` answers with the
// portal page itself; the page reads the request from its own location, then removes it from
// the address bar (demo/main.ts). The address names the patient: `Referrer-Policy: no-referrer`
// keeps it out of the Referer of every request the page makes before that (its scripts, styles).
/** @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void} */
export function iheInvokeImageDisplay() {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/IHEInvokeImageDisplay') {
      req.url = `/index.html${url.search}`;
      res.setHeader('Referrer-Policy', 'no-referrer');
    }
    next();
  };
}
