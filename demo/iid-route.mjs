// IHE Invoke Image Display (IID): `/IHEInvokeImageDisplay?requestType=…` answers with the
// portal page itself; the page reads the request from its own location.
/** @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void} */
export function iheInvokeImageDisplay() {
  return (req, _res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/IHEInvokeImageDisplay') req.url = `/index.html${url.search}`;
    next();
  };
}
