// What `npm test`, `npm start` and `npm run bench` need on a fresh Debian machine: one list,
// installed when we can (as root), named package by package when we cannot.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Every Debian file the tests and their fixtures use, by the file that proves it is installed,
 * with the package that brings it. A program under /usr/bin or /usr/sbin is also put on the
 * fixtures' PATH by its file name (see `fixturePath`): a fixture can run only what is listed here.
 */
export const TEST_PACKAGES = {
  '/usr/bin/chromium': 'chromium',
  '/usr/sbin/Orthanc': 'orthanc',
  '/usr/share/orthanc/plugins/libOrthancDicomWeb.so': 'orthanc-dicomweb',
  // Encoders and independent reference decoders (GDCM, DCMTK, OpenJPEG, OpenJPH).
  '/usr/bin/gdcmconv': 'libgdcm-tools',
  '/usr/bin/dcmcjpls': 'dcmtk',
  '/usr/bin/dcmdjpls': 'dcmtk',
  '/usr/bin/dcmcjpeg': 'dcmtk',
  '/usr/bin/dcmdjpeg': 'dcmtk',
  '/usr/bin/dcmcrle': 'dcmtk',
  '/usr/bin/dcmdrle': 'dcmtk',
  '/usr/bin/dcmconv': 'dcmtk',
  '/usr/bin/dcmdump': 'dcmtk',
  '/usr/bin/dcm2pnm': 'dcmtk',
  // An independent presentation state maker and renderer (GSPS tests).
  '/usr/bin/dcmpsmk': 'dcmtk',
  '/usr/bin/dcmp2pgm': 'dcmtk',
  // Independent validators of the DICOM objects we write (KOS): IOD checks and the SR tree.
  '/usr/bin/dciodvfy': 'dicom3tools',
  '/usr/bin/dsrdump': 'dcmtk',
  '/usr/bin/opj_compress': 'libopenjp2-tools',
  '/usr/bin/opj_decompress': 'libopenjp2-tools',
  '/usr/bin/ojph_compress': 'openjph-tools',
  '/usr/bin/ojph_expand': 'openjph-tools',
  // Independent reference readers for fixtures (Debian's python3 at /usr/bin/python3).
  '/usr/bin/python3': 'python3',
  '/usr/lib/python3/dist-packages/pydicom/__init__.py': 'python3-pydicom',
  '/usr/lib/python3/dist-packages/numpy/__init__.py': 'python3-numpy',
};

/** Native reference decoders the benchmarks compare against (same libraries, native builds). */
export const BENCH_PACKAGES = {
  ...TEST_PACKAGES,
  '/usr/include/charls/charls.h': 'libcharls-dev',
  '/usr/bin/g++': 'g++',
};

/** npm dependencies: installed from the lock file when node_modules is missing or stale. */
export function ensureNodeModules() {
  if (existsSync('node_modules/.package-lock.json') && existsSync('node_modules/vite')) return;
  console.log('Installing npm dependencies (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

/** @param {Record<string, string>} wanted @returns {string[]} packages with a missing file */
export function missingPackages(wanted) {
  return [
    ...new Set(
      Object.entries(wanted)
        .filter(([file]) => !existsSync(file))
        .map(([, pkg]) => pkg),
    ),
  ];
}

/** @param {Record<string, string>} [wanted] */
export function ensureDebianPackages(wanted = TEST_PACKAGES) {
  const missing = missingPackages(wanted);
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
  const still = missingPackages(wanted);
  if (result.status !== 0 || still.length) {
    throw new Error(
      `apt-get install failed; still missing: ${(still.length ? still : missing).join(' ')}`,
    );
  }
}

/**
 * A folder holding only the listed programs (and node), to be the PATH of fixture scripts: a
 * fixture that runs a program this list lacks fails here as it would on a bare machine, instead
 * of passing on a machine where somebody installed that program by hand.
 * @param {string} dir @param {Record<string, string>} [wanted]
 */
export function fixturePath(dir, wanted = TEST_PACKAGES) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const programs = Object.keys(wanted).filter((file) => /^\/usr\/s?bin\/[^/]+$/.test(file));
  for (const program of [...programs, process.execPath]) {
    symlinkSync(program, path.join(dir, path.basename(program)));
  }
  return dir;
}

/**
 * The program a failed fixture could not find, from its output (Python's FileNotFoundError,
 * Node's ENOENT), and the Debian package that has it on this machine, if any.
 * @param {string} output @returns {{ program: string, package?: string } | undefined}
 */
export function unlistedProgram(output) {
  const match =
    /No such file or directory: '([^'/]+)'/.exec(output) ??
    /spawn(?:Sync)? ([^\s/]+) ENOENT/.exec(output);
  if (!match?.[1]) return undefined;
  const program = match[1];
  for (const dir of ['/usr/bin', '/usr/sbin', '/bin', '/sbin']) {
    const file = path.join(dir, program);
    if (!existsSync(file)) continue;
    const owner = spawnSync('dpkg', ['-S', file], { encoding: 'utf8' });
    const pkg = owner.status === 0 ? owner.stdout.split(':')[0] : undefined;
    return pkg ? { program, package: pkg } : { program };
  }
  return { program };
}
