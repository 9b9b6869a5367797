/**
 * Integrity of the precached app code. The build writes a SHA-256 of every precached file into
 * the service worker's manifest (as a Subresource Integrity string); before the worker serves a
 * copy from Cache Storage it hashes the copy's bytes and compares. A copy that differs is deleted
 * and never served: a fresh one is fetched (bypassing the HTTP cache) and served only if it
 * matches; otherwise the request fails. Script at the app's origin can rewrite Cache Storage, but
 * not the worker's own script, which holds the hashes.
 *
 * Nothing here needs the service worker's global scope, so the build (Node) and the unit tests
 * run the same code.
 */
import type { IntegrityCost, IntegrityRefusal } from './messages';

/** The Subresource Integrity string of some bytes: 'sha256-' and the digest in base64. */
export async function sha256Integrity(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `sha256-${btoa(binary)}`;
}

export interface ManifestEntry {
  url: string;
  revision?: string | null;
  integrity?: string;
}

export type CheckedEntry = ManifestEntry & { integrity: string };

/**
 * The manifest with one entry per URL, each with its hash. vite-plugin-pwa adds its own assets
 * (the web manifest, icons) a second time after the hashes are written; those copies are
 * dropped. A URL with no hash at all is a broken build: the worker refuses to install.
 */
export function normaliseManifest(entries: readonly (ManifestEntry | string)[]): CheckedEntry[] {
  const byURL = new Map<string, ManifestEntry>();
  for (const entry of entries) {
    const item = typeof entry === 'string' ? { url: entry } : entry;
    const known = byURL.get(item.url);
    if (!known || (!known.integrity && item.integrity)) byURL.set(item.url, item);
  }
  const missing = [...byURL.values()].filter((entry) => !entry.integrity?.startsWith('sha256-'));
  if (missing.length > 0) throw new Error(`No SHA-256 in the precache manifest for ${missing.map((e) => e.url).join(', ')}`);
  return [...byURL.values()] as CheckedEntry[];
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  wasm: 'application/wasm',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
};

/** The Content-Type the worker serves a precached file with, from its name alone. */
export function contentTypeFor(url: string): string {
  // The path without query or fragment; only its extension matters.
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/**
 * Headers for a response the worker serves: the app's security headers and a Content-Type from
 * the file's name. Whatever headers a cached copy carries are not used.
 */
export function servedHeaders(url: string, securityHeaders: Readonly<Record<string, string>>): Headers {
  const headers = new Headers(securityHeaders);
  headers.set('Content-Type', contentTypeFor(url));
  return headers;
}

const escapeHTML = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface RefusalText {
  lang: string;
  refused: string;
  reconnect: string;
}

/**
 * The page shown instead of the app when its own index.html could not be had unchanged (the
 * cached copy differs and no matching copy could be fetched). Plain HTML, no script, every
 * language Daybook ships.
 */
export function refusalPage(title: string, texts: readonly RefusalText[]): string {
  const sections = texts
    .map(
      (text) => `<section lang="${escapeHTML(text.lang)}"><p>${escapeHTML(text.refused)}</p><p>${escapeHTML(text.reconnect)}</p></section>`,
    )
    .join('');
  const lang = escapeHTML(texts[0]?.lang ?? 'en-GB');
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHTML(title)}</title></head>` +
    `<body><main><h1>${escapeHTML(title)}</h1>${sections}</main></body></html>`
  );
}

/** The part of a worker event the checks look at. */
export interface WorkerEvent {
  type: string;
  request?: Request;
}

export interface IntegrityCheckOptions {
  /** The precache's cache (the Cache Storage entry the copies are kept in). */
  openCache: () => Promise<Pick<Cache, 'delete' | 'put'>>;
  /** The network (the worker's own fetch). */
  fetch: (request: Request) => Promise<Response>;
  /** The manifest entry for a URL or a precache cache key, with absolute URLs. */
  entryFor: (url: string) => CheckedEntry | undefined;
  /** Headers for a verified response (see servedHeaders). */
  headersFor: (url: string) => Headers;
  /** The response given instead of a copy that differs and could not be replaced. */
  refusalFor: (url: string, navigation: boolean) => Response;
  /** Told of every copy that differed; `event` is the fetch or install that found it. */
  onRefusal: (refusal: IntegrityRefusal, event: WorkerEvent | undefined) => void;
  now: () => number;
}

type PluginState = Record<string, unknown>;

/**
 * A workbox plugin for the precache strategy that checks every response before it is used:
 * from the cache (cachedResponseWillBeUsed) and from the network at install or on a cache miss
 * (fetchDidSucceed). `cost` adds up the reading and hashing of cached copies.
 */
export function integrityPlugin(options: IntegrityCheckOptions) {
  const cost: IntegrityCost = { responses: 0, bytes: 0, milliseconds: 0 };
  // Checks overlap (a page asks for many files at once): time is counted while at least one
  // runs, once, not once per check, which would count each check's wait behind the others.
  let running = 0;
  let busySince = 0;
  /** Files whose changed copy was deleted with no matching one to put back (yet). */
  const refusedURLs = new Set<string>();

  /** The verified response rebuilt from the bytes read, or null if they differ from the build. */
  async function verified(response: Response, entry: CheckedEntry, counted: boolean): Promise<Response | null> {
    if (counted && running++ === 0) busySince = options.now();
    let bytes: ArrayBuffer;
    let matches: boolean;
    try {
      bytes = await response.arrayBuffer();
      matches = (await sha256Integrity(bytes)) === entry.integrity;
    } catch {
      return null;
    } finally {
      if (counted && --running === 0) cost.milliseconds += options.now() - busySince;
    }
    if (counted) {
      cost.responses += 1;
      cost.bytes += bytes.byteLength;
    }
    return matches ? new Response(bytes, { status: 200, statusText: 'OK', headers: options.headersFor(entry.url) }) : null;
  }

  /** A fresh copy from the server, past the HTTP cache, checked by the browser (SRI) and here. */
  async function fetchFresh(entry: CheckedEntry): Promise<Response | null> {
    try {
      const response = await options.fetch(
        new Request(entry.url, { cache: 'reload', credentials: 'same-origin', integrity: entry.integrity }),
      );
      return response.ok ? await verified(response, entry, false) : null;
    } catch {
      return null;
    }
  }

  const isNavigation = (event: WorkerEvent | undefined) => event?.type === 'fetch' && event.request?.mode === 'navigate';

  return {
    cost,

    async cachedResponseWillBeUsed({
      request,
      cachedResponse,
      event,
      state,
    }: {
      request: Request;
      cachedResponse?: Response;
      event?: WorkerEvent;
      state?: PluginState;
    }): Promise<Response | undefined> {
      const entry = options.entryFor(request.url);
      if (!entry) return options.refusalFor(request.url, isNavigation(event));
      const installing = event?.type === 'install';
      if (cachedResponse) {
        const response = await verified(cachedResponse, entry, !installing);
        if (response) return response;
        await (await options.openCache()).delete(request);
        if (installing) {
          // Workbox fetches it again for the new version (cache mode 'reload', see below), and
          // fetchDidSucceed checks that copy: the install fails rather than keep a changed one.
          if (state) state.refetch = true;
          options.onRefusal({ url: entry.url, outcome: 'replaced' }, event);
          return undefined;
        }
        const fresh = await fetchFresh(entry);
        options.onRefusal({ url: entry.url, outcome: fresh ? 'replaced' : 'refused' }, event);
        if (!fresh) {
          refusedURLs.add(entry.url);
          return options.refusalFor(entry.url, isNavigation(event));
        }
        await (await options.openCache()).put(request, fresh.clone());
        return fresh;
      }
      if (installing) return undefined;
      // Missing from the cache: a matching copy from the network; else, for a copy refused
      // earlier, the refusal again, and otherwise a network error, as without a service worker.
      const fresh = await fetchFresh(entry);
      if (!fresh) return refusedURLs.has(entry.url) ? options.refusalFor(entry.url, isNavigation(event)) : Response.error();
      refusedURLs.delete(entry.url);
      await (await options.openCache()).put(request, fresh.clone());
      return fresh;
    },

    async requestWillFetch({ request, state }: { request: Request; state?: PluginState }): Promise<Request> {
      return state?.refetch ? new Request(request, { cache: 'reload' }) : request;
    },

    async fetchDidSucceed({ request, response }: { request: Request; response: Response }): Promise<Response> {
      const entry = options.entryFor(request.url);
      const checked = entry && response.ok ? await verified(response, entry, false) : null;
      if (!checked) throw new Error(`${request.url}: the server's copy does not match this version of Daybook`);
      return checked;
    },
  };
}
