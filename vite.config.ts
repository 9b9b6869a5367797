import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type LogLevel, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { ManifestTransform } from 'workbox-build';
import { cspDirectives, hostingHeaders, serialiseCsp as serialise } from './src/sw/hostingHeaders.ts';
import { sha256Integrity } from './src/sw/integrity.ts';
import { SHARE_PATH } from './src/sw/shareMessages.ts';
import { DEFAULT_LANGUAGE } from './src/i18n/languages.ts';

/** Where the build writes (dist/, or --outDir) and how much it says, once the config is resolved. */
let outDir = fileURLToPath(new URL('./dist/', import.meta.url));
let logLevel: LogLevel | undefined;
const rememberBuildConfig = (): Plugin => ({
  name: 'daybook-build-config',
  configResolved(config) {
    outDir = resolve(config.root, config.build.outDir);
    logLevel = config.logLevel;
  },
});

/**
 * The Content-Security-Policy and security headers live in src/sw/hostingHeaders.ts, because the
 * service worker puts them on every response it serves too. The CSP goes into a <meta> tag (for
 * hosts that cannot set headers) and all of them into the HTTP headers below, which add what a
 * <meta> tag cannot carry (frame-ancestors).
 */
export { hostingHeaders };

/**
 * Adds a SHA-256 of each precached file's bytes to the service worker's manifest, as an SRI
 * string. The worker checks every copy it serves from Cache Storage against it, and the browser
 * checks every copy fetched to fill the cache. Runs after the build has written dist/.
 */
const addIntegrity: ManifestTransform = async (entries) => {
  const manifest = await Promise.all(
    entries.map(async (entry) => {
      const bytes = new Uint8Array(await readFile(join(outDir, entry.url)));
      return { ...entry, integrity: await sha256Integrity(bytes) };
    }),
  );
  return { manifest };
};

/** Adds the CSP and referrer policy to index.html in production builds, and writes _headers. */
function securityHeaders(): Plugin {
  return {
    name: 'daybook-security-headers',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: serialise(cspDirectives) },
          injectTo: 'head-prepend',
        },
        { tag: 'meta', attrs: { name: 'referrer', content: 'no-referrer' }, injectTo: 'head-prepend' },
      ],
    },
    generateBundle() {
      const lines = Object.entries(hostingHeaders).map(([name, value]) => `  ${name}: ${value}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}

/**
 * Every start renders the lock guard (set-up or lock screen) in words from the 'common' and
 * 'vault' namespaces. Their code is otherwise asked for only once the entry has run, a round
 * trip later: <link rel="modulepreload"> fetches it beside the entry. The default language's
 * words are loaded at every start (they are every language's fallback); the chosen language's
 * are known only to the running code.
 */
const localeChunk = (namespace: string) =>
  new RegExp(`[\\\\/]src[\\\\/]i18n[\\\\/]locales[\\\\/]${DEFAULT_LANGUAGE}[\\\\/]${namespace}\\.json$`);
const FIRST_SCREEN_MODULES = [/[\\/]src[\\/]app[\\/]LockGuard\.tsx$/, localeChunk('common'), localeChunk('vault')];

const SHARED_LAYER = /[\\/]src[\\/]shared[\\/](ui|hooks|vault|diary|errors|prefs)[\\/](?!TaskProgress|useTaskProgress|taskProgress)/;
const ENTRY = fileURLToPath(new URL('./src/main.tsx', import.meta.url));
interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}
/** Per module graph: the entry's modules, found at the first question. */
const entryGraphs = new WeakMap<ModuleGraph, Set<string>>();
/**
 * Whether the entry imports a module with no dynamic import between. All of them go into one
 * chunk ('shared'). Left to itself the bundler gave each set of importers its own chunk (a lazy
 * screen imports many of these modules too): the lock screen's first visit asked for 19 JavaScript files,
 * each a request (on HTTP/1.1 often a round trip) before it could show, and Lighthouse's slow-4G
 * phone painted it about 0.3 s later. The lock guard stays a chunk of its own, preloaded beside
 * the entry: quick exit, armed when the entry runs, does not wait for its code.
 */
function inEntryGraph(id: string, graph: ModuleGraph): boolean {
  let modules = entryGraphs.get(graph);
  if (!modules) {
    modules = new Set();
    const queue = [ENTRY];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (modules.has(next)) continue;
      modules.add(next);
      queue.push(...(graph.getModuleInfo(next)?.importedIds ?? []));
    }
    entryGraphs.set(graph, modules);
  }
  return modules.has(id);
}

function firstScreenPreloads(): Plugin {
  return {
    name: 'daybook-first-screen-preloads',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const files = new Set<string>();
        const add = (fileName: string) => {
          if (files.has(fileName) || html.includes(`/${fileName}"`)) return;
          files.add(fileName);
          for (const imported of byName.get(fileName)?.imports ?? []) add(imported);
        };
        for (const pattern of FIRST_SCREEN_MODULES) {
          const found = chunks.filter((chunk) => chunk.facadeModuleId && pattern.test(chunk.facadeModuleId));
          if (found.length !== 1) throw new Error(`First-screen preload: ${String(pattern)} matched ${found.length} chunks`);
          for (const chunk of found) add(chunk.fileName);
        }
        return [...files].map((fileName) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    rememberBuildConfig(),
    securityHeaders(),
    firstScreenPreloads(),
    VitePWA({
      // A service worker with code of its own (src/sw/sw.ts): it checks every precached copy
      // against the build before serving it. Built to /sw.js, the address earlier versions
      // registered, so installed copies keep updating.
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        name: 'Daybook',
        short_name: 'Daybook',
        description: 'A private diary.',
        lang: 'en-GB',
        start_url: '/',
        scope: '/',
        id: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f6f4ef',
        theme_color: '#3d5a6c',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // The installed app receives shares (src/sw/shareTarget.ts): the service worker seals
        // what is shared into the inbox without unlocking, then opens the lock screen.
        share_target: {
          action: SHARE_PATH,
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            title: 'title',
            text: 'text',
            url: 'url',
            files: [{ name: 'files', accept: ['image/*', 'video/*', 'audio/*', 'application/pdf', 'text/*'] }],
          },
        },
      },
      injectManifest: {
        // Everything the app can ever load is precached, lazy chunks and locale files included,
        // so every route works offline after the first visit. The worker itself has no
        // clientsClaim and waits for SKIP_WAITING from the update prompt.
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest,wasm,json,woff2,ttf}'],
        // The Chinese, Japanese and Korean report fonts (5 to 11 MB each) are cached on first
        // use instead (src/sw/sw.ts); every other report font is precached.
        globIgnores: ['**/NotoSansSC_*.ttf', '**/NotoSansJP_*.ttf', '**/NotoSansKR_*.ttf'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        manifestTransforms: [addIntegrity],
        // One classic script, no imports: what every engine can register.
        rollupFormat: 'iife',
      },
      // The worker's own build says as much as the app's (`npm start` builds with warnings only).
      integration: {
        configureCustomSWViteBuild(config) {
          config.logLevel = logLevel;
        },
      },
      devOptions: { enabled: false },
    }),
  ],
  // Long jobs (Argon2id, PDF reports, reading files) run in module workers, one entry each
  // (core/workers): ES output so a worker can load its code in chunks, as the page does.
  worker: {
    format: 'es',
    // As for the app's build below: timings are noise in `npm start`, which shows warnings only.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // The largest chunk is zxcvbn's dictionaries (about 1.2 MB), loaded only on the passphrase
    // screens; the first screen has its own 150 KB gzip budget, checked by the browser tests.
    chunkSizeWarningLimit: 1400,
    // A dynamic import's chunk fetches its own imports as the browser finds them, rather than
    // Vite adding a preload link for each of them (the diary's route has about 50) in one task:
    // that task held the lock screen's thread for over 200 ms at CPU 4x, so a Quick exit pressed
    // then waited. Stylesheets are still added with the chunk, and index.html keeps its preloads
    // (hostType 'html') for the first screen. The cost is a chain of requests, 4 or 5 deep for
    // the diary's route: to the service worker's precache once it controls the page, to the
    // network on the first visit (or where there is no service worker).
    modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'js' ? [] : deps) },
    rolldownOptions: {
      // vite-plugin-pwa builds the service worker inside closeBundle, which this check reports as
      // slow plugin time on a busy machine: noise in `npm start`, which shows warnings only.
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: {
          groups: [
            {
              // The first screen's code in one chunk (see inEntryGraph), with the shared layer's
              // contexts, hooks and small UI pieces, which most screens use: one chunk instead of a
              // dozen tiny ones, each with its own overhead. Long-task progress is left out: only
              // screens that run long tasks load it.
              name: (id, context) => (SHARED_LAYER.test(id) || inEntryGraph(id, context) ? 'shared' : null),
            },
          ],
        },
      },
    },
  },
  preview: {
    port: 4173,
    strictPort: false,
    headers: hostingHeaders,
  },
});
