/**
 * Content-Security-Policy and the other security headers of the built app. vite.config.ts puts
 * the CSP into a <meta> tag (for hosts that cannot set headers) and sends all of them from
 * `vite preview`; the service worker puts the same headers on every response it serves from its
 * precache, so a copy in Cache Storage never decides its own headers. 'wasm-unsafe-eval' is
 * needed by hash-wasm's Argon2id.
 */
export const cspDirectives: Readonly<Record<string, string>> = {
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

export const serialiseCsp = (directives: Readonly<Record<string, string>>): string =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** HTTP headers a host should send with every response (see README, "Hosting"). */
export const hostingHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': serialiseCsp({ ...cspDirectives, 'frame-ancestors': "'none'" }),
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(), microphone=(self), camera=(self), interest-cohort=()',
};
