// What `npm test` / `npm start` need on a fresh Debian machine, installed when we can.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian packages the tests need, by the file that proves each is installed. */
const TEST_PACKAGES = {
  '/usr/bin/chromium': 'chromium',
  '/usr/sbin/Orthanc': 'orthanc',
  '/usr/share/orthanc/plugins/libOrthancDicomWeb.so': 'orthanc-dicomweb',
  '/usr/bin/gdcmconv': 'libgdcm-tools',
  '/usr/bin/dcmdjpls': 'dcmtk',
  '/usr/bin/ojph_compress': 'openjph-tools',
  // Independent reference readers for fixtures (Debian's python3 at /usr/bin/python3).
  '/usr/lib/python3/dist-packages/pydicom/__init__.py': 'python3-pydicom',
  '/usr/lib/python3/dist-packages/numpy/__init__.py': 'python3-numpy',
};

/** Native reference decoders the benchmarks compare against (same libraries, native builds). */
export const BENCH_PACKAGES = {
  ...TEST_PACKAGES,
  '/usr/bin/opj_decompress': 'libopenjp2-tools',
  '/usr/include/charls/charls.h': 'libcharls-dev',
  '/usr/bin/g++': 'g++',
};

/** npm dependencies: installed from the lock file when node_modules is missing or stale. */
export function ensureNodeModules() {
  if (existsSync('node_modules/.package-lock.json') && existsSync('node_modules/vite')) return;
  console.log('Installing npm dependencies (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

/** @param {Record<string, string>} [wanted] */
export function ensureDebianPackages(wanted = TEST_PACKAGES) {
  const missing = [
    ...new Set(
      Object.entries(wanted)
        .filter(([file]) => !existsSync(file))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    throw new Error(
      `Missing Debian packages. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
}
