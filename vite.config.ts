import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Content-Security-Policy for the built app. The same directives go into a <meta> tag (for
 * hosts that cannot set headers) and into the HTTP headers below, which add what a <meta> tag
 * cannot carry (frame-ancestors). 'wasm-unsafe-eval' is needed by hash-wasm's Argon2id.
 */
const cspDirectives: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'style-src': "'self'",
  'img-src': "'self' blob: data:",
  'media-src': "'self' blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'manifest-src': "'self'",
  'form-action': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
};

const serialise = (directives: Record<string, string>): string =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** HTTP headers a host should send with every response (see README, "Hosting"). */
export const hostingHeaders: Record<string, string> = {
  'Content-Security-Policy': serialise({ ...cspDirectives, 'frame-ancestors': "'none'" }),
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(), microphone=(self), camera=(self), interest-cohort=()',
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

export default defineConfig({
  plugins: [
    react(),
    securityHeaders(),
    VitePWA({
      strategies: 'generateSW',
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
      },
      workbox: {
        // Everything the app can ever load is precached, lazy chunks and locale files included,
        // so every route works offline after the first visit.
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest,wasm,json,woff2,ttf}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // The largest chunk is zxcvbn's dictionaries (about 1.2 MB), loaded only on the passphrase
    // screens; the first screen has its own 170 KB gzip budget, checked by the browser tests.
    chunkSizeWarningLimit: 1400,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // The shared layer's contexts, hooks and small UI pieces are used by the lock and
              // set-up screens: one chunk instead of a dozen tiny ones, each with its own overhead.
              name: 'shared',
              test: /[\\/]src[\\/]shared[\\/](ui|hooks|vault|diary|errors|prefs)[\\/]/,
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
