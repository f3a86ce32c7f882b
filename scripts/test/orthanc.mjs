// Starts a real Orthanc DICOMweb server on loopback with a temporary storage
// folder, for tests and benchmarks; always stopped by the caller's `finally`.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** @returns {Promise<number>} a free TCP port on loopback */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * @param {{ port?: number, storageDir?: string }} [options]
 * @returns {Promise<{ url: string, dicomweb: string, port: number, stop: () => Promise<void>, restart: () => Promise<void> }>}
 */
export async function startOrthanc(options = {}) {
  const port = options.port ?? (await freePort());
  const ownsStorage = !options.storageDir;
  const storageDir = options.storageDir ?? mkdtempSync(path.join(tmpdir(), 'courbaril-orthanc-'));
  const configFile = path.join(storageDir, 'orthanc.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      Name: 'COURBARIL-TEST',
      StorageDirectory: storageDir,
      IndexDirectory: storageDir,
      Plugins: [DICOMWEB_PLUGIN],
      HttpPort: port,
      RemoteAccessAllowed: false,
      AuthenticationEnabled: false,
      DicomServerEnabled: false,
      HttpCompressionEnabled: false,
      DicomWeb: {
        Enable: true,
        Root: '/dicom-web/',
        StudiesMetadata: 'Full',
        SeriesMetadata: 'Full',
      },
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  const launch = async () => {
    child = spawn(ORTHANC_BINARY, [configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const deadline = Date.now() + 20000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode}): ${stderr}`);
      try {
        const response = await fetch(`${url}/system`);
        if (response.ok) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`Orthanc did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  return {
    url,
    dicomweb: `${url}/dicom-web`,
    port,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      await kill();
      if (ownsStorage) rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

/** Uploads every .dcm file below `dir` (POST /instances). @returns number of instances stored */
export async function uploadDirectory(orthancUrl, dir) {
  let count = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) count += await uploadDirectory(orthancUrl, file);
    else if (name.endsWith('.dcm')) {
      const response = await fetch(`${orthancUrl}/instances`, {
        method: 'POST',
        body: readFileSync(file),
      });
      if (!response.ok) throw new Error(`Orthanc refused ${name}: ${response.status}`);
      count++;
    }
  }
  return count;
}
