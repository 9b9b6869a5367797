// Builds the production app and the benchmark harness, and serves both from one origin with
// `vite preview`, so the harness writes the very IndexedDB the app then unlocks.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS_DIR = join(ROOT, 'bench-results');
/**
 * The production build goes here rather than into dist/, so a benchmark never replaces the
 * build that browser tests running at the same time are using. Same config, same output.
 */
export const APP_OUT = join(RESULTS_DIR, 'app');
/** The harness is served under the app's origin at this path. */
export const HARNESS_PATH = '/__bench/';

/**
 * Vite's module runner, which loaded this file, set NODE_ENV to development; a build under it
 * would bundle React's development runtime. Production it is, as `vite build` does.
 */
function productionEnv(): void {
  process.env.NODE_ENV = 'production';
}

export async function buildApp(): Promise<void> {
  productionEnv();
  await build({ root: ROOT, mode: 'production', logLevel: 'warn', build: { outDir: APP_OUT, emptyOutDir: true } });
}

export async function buildHarness(): Promise<void> {
  productionEnv();
  await build({
    configFile: false,
    mode: 'production',
    root: join(ROOT, 'scripts/bench/page'),
    base: HARNESS_PATH,
    publicDir: false,
    logLevel: 'warn',
    build: {
      // Inside the app's output, so the preview server serves it as a plain static folder.
      outDir: join(APP_OUT, HARNESS_PATH),
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
    },
  });
}

export interface Served {
  baseURL: string;
  close: () => Promise<void>;
}

export async function serve(): Promise<Served> {
  // The project's vite.config.ts applies: the same hosting headers (CSP included) as e2e tests.
  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: APP_OUT },
    preview: { port: 4290, strictPort: false, host: 'localhost' },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  return { baseURL: url.replace(/\/$/, ''), close: () => server.close() };
}
