// `npm test`: every check Daybook has, from a fresh clone: type check, lint, format, unit tests,
// production build, browser tests in Chromium (with the first-screen size budget), then the
// core journeys in Firefox ESR and WebKitGTK. Ends with
// "N passed, N failed" and a non-zero exit when anything failed.
import { readFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { ensureChromium, ensureDependencies, ensureOtherEngines, root, run } from './lib/setup.mjs';

ensureDependencies();
const chromium = ensureChromium();
ensureOtherEngines();
const results = `${root}.test-results/`;
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const ok = run(command, args, { env: { ...process.env, ...env } }) === 0;
  return ok;
}

function countCheck(name, ok) {
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

function countTests(name, ok, reportFile) {
  const path = `${results}${reportFile}`;
  if (!existsSync(path)) {
    countCheck(name, false);
    return;
  }
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numFailedTests > 0 || !ok) failures.push(name);
  // A suite that fails to load has no failed tests but still fails the run.
  if (!ok && report.numFailedTests === 0) failed += 1;
}

countCheck('type check', step('Type check', 'npm', ['run', '--silent', 'typecheck']));
countCheck('lint', step('Lint', 'npx', ['eslint', '.', '--max-warnings', '0']));
countCheck('format', step('Format (Prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']));
countTests(
  'unit tests',
  step('Unit and integration tests', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}unit.json`,
  ]),
  'unit.json',
);
const built = step('Production build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
countCheck('production build', built);
if (built) {
  // Two files at a time (a 2-core machine spends most of a browser test waiting), then the
  // timing measurements alone, so nothing else shares the CPU while they measure.
  const TIMED = ['e2e/responsive-while-busy.e2e.ts'];
  const chromiumRun = (label, file, args) =>
    countTests(
      label,
      step(
        label === 'browser tests' ? 'Browser tests (Chromium)' : 'Browser tests (Chromium, timing measured alone)',
        'npx',
        [
          'vitest',
          'run',
          '--config',
          'e2e/vitest.config.ts',
          ...args,
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${results}${file}`,
        ],
        { CHROMIUM_PATH: chromium },
      ),
      file,
    );
  chromiumRun('browser tests', 'e2e.json', ['--fileParallelism', '--maxWorkers=2', ...TIMED.map((f) => `--exclude=${f}`)]);
  chromiumRun('browser timing tests', 'e2e-timed.json', TIMED);
  countTests(
    'browser tests in Firefox ESR and WebKitGTK',
    step('Browser tests (Firefox ESR, WebKitGTK)', 'npx', [
      'vitest',
      'run',
      '--config',
      'e2e/engines/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}engines.json`,
    ]),
    'engines.json',
  );
  const sizeFile = `${results}first-screen.json`;
  if (existsSync(sizeFile)) {
    const size = JSON.parse(readFileSync(sizeFile, 'utf8'));
    console.log(
      `\nFirst-screen JavaScript: ${(size.gzipBytes / 1024).toFixed(1)} KB gzip in ${size.files} files (limit ${size.limitKB} KB).`,
    );
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}.`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
