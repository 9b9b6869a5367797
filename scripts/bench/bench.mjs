// `npm run bench` (issue 8). Node 20 cannot run TypeScript, so the runner (run.ts) is loaded
// through Vite's module runner, which transpiles it and leaves packages to Node.
import { ensureChromium, ensureDependencies, root } from '../lib/setup.mjs';

ensureDependencies();
process.env.CHROMIUM_PATH ??= ensureChromium();
const { runnerImport } = await import('vite');
const { module } = await runnerImport(`${root}scripts/bench/run.ts`, { root, logLevel: 'warn' });
process.exitCode = await module.main(process.argv.slice(2));
