// Set-up shared by `npm start` and `npm test`. Uses only Node's standard library, because it
// runs on a fresh clone before any dependency is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, accessSync, constants } from 'node:fs';

export const root = new URL('../../', import.meta.url).pathname;

/** Runs a command in the project folder with inherited output; returns its exit status. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) {
    console.error(`Could not run ${command}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

/** Installs node_modules with `npm ci` when they are missing or older than package-lock.json. */
export function ensureDependencies() {
  const marker = `${root}node_modules/.package-lock.json`;
  const lock = `${root}package-lock.json`;
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing dependencies (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('npm ci failed: see the messages above.');
    process.exit(1);
  }
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return executable(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find(executable) ?? null;
}

/**
 * Browser tests drive Debian's Chromium. Install it when we are root with apt-get;
 * otherwise stop with one clear sentence.
 */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && executable('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian’s chromium package with apt-get…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const updated = run('apt-get', ['update', '-qq'], { env });
    const installed = updated === 0 && run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'], { env }) === 0;
    const path = installed ? findChromium() : null;
    if (path) return path;
  }
  console.error(
    'Chromium is needed for the browser tests and was not found: install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH to a Chromium or Chrome executable) and run `npm test` again.',
  );
  process.exit(1);
}

/** Debian packages for the other engines: Firefox ESR, and WebKitGTK's WebDriver and MiniBrowser under Xvfb. */
const OTHER_ENGINES = [
  { package: 'firefox-esr', path: '/usr/bin/firefox-esr' },
  { package: 'webkit2gtk-driver', path: '/usr/bin/WebKitWebDriver' },
  { package: 'xvfb', path: '/usr/bin/Xvfb' },
];

/**
 * The core journeys also run in Firefox ESR and WebKitGTK. Installs what is missing when we are
 * root with apt-get; otherwise stops with one clear sentence.
 */
export function ensureOtherEngines() {
  const missing = () => OTHER_ENGINES.filter((engine) => !executable(engine.path));
  if (missing().length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && executable('/usr/bin/apt-get')) {
    const names = missing().map((engine) => engine.package);
    console.log(`Installing Debian's ${names.join(', ')} for the other engines' browser tests…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['install', '-y', '-qq', ...names], { env }) !== 0) {
      run('apt-get', ['update', '-qq'], { env });
      run('apt-get', ['install', '-y', '-qq', ...names], { env });
    }
    if (missing().length === 0) return;
  }
  console.error(
    `The browser tests also run in Firefox ESR and WebKitGTK: install them with \`sudo apt-get install ${OTHER_ENGINES.map((e) => e.package).join(' ')}\` and run \`npm test\` again.`,
  );
  process.exit(1);
}
