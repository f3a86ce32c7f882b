// The demo portal as `npm start` serves it (the Vite dev server with the demo/portal routes) on a
// free loopback port, its DICOMweb proxied to `dicomweb` (the Orthanc `npm test` starts, or a
// fault proxy in front of it) through DICOMWEB_URL, which vite.config.ts reads.
import { freePort } from '../../scripts/test/orthanc.mjs';

/**
 * @param {string} dicomweb the DICOMweb root behind the portal's /dicom-web
 * @returns {Promise<{ server: import('vite').ViteDevServer, port: number }>}
 */
export async function startDemoServer(dicomweb) {
  process.env.DICOMWEB_URL = dicomweb;
  const { createServer } = await import('vite');
  const port = await freePort();
  const server = await createServer({
    configFile: 'vite.config.ts',
    mode: 'development',
    logLevel: 'silent',
    server: { port, strictPort: true, host: '127.0.0.1' },
  });
  await server.listen();
  return { server, port };
}
