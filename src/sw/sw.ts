/// <reference lib="webworker" />
/**
 * Daybook's service worker (built to /sw.js by vite-plugin-pwa, strategy injectManifest).
 *
 * - Precaches every built file (the list and a SHA-256 of each are injected by the build) and
 *   serves them cache-first, so every route works offline after one visit.
 * - Checks every copy it serves from Cache Storage against its SHA-256 first (./integrity.ts):
 *   a changed copy is deleted and replaced by a matching one from the network, or refused.
 * - Navigations fall back to index.html; caches of older workbox versions are removed.
 * - Updates wait for the person: a new version takes over only when the page sends
 *   SKIP_WAITING (the update prompt); it never claims open pages by itself.
 * - The Web Share Target: a POST to SHARE_PATH is sealed into the inbox (./shareTarget.ts) and
 *   answered with a 303 to "/"; the window that opens asks how it went (SHARE_QUERY).
 */
import { PrecacheController, PrecacheRoute, cleanupOutdatedCaches } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import enGB from '../i18n/locales/en-GB/common.json';
import cy from '../i18n/locales/cy/common.json';
import { hostingHeaders } from './hostingHeaders';
import { integrityPlugin, normaliseManifest, refusalPage, servedHeaders, type CheckedEntry, type WorkerEvent } from './integrity';
import { INTEGRITY_REPORT, isIntegrityQuery, type IntegrityRefusal, type IntegrityReport } from './messages';
import { sealIntoInbox } from '../core/inbox/seal';
import { openInboxForSharing, rawInboxWriter } from './inboxWriter';
import { isShareQuery, type ShareReport } from './shareMessages';
import { fromAnotherSite, isShareRequest, receiveShare } from './shareTarget';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

const manifest = normaliseManifest(self.__WB_MANIFEST);

/** Refusals not yet asked for, by the id of the window they were made for. */
const unreported = new Map<string, IntegrityRefusal[]>();
const MAX_WINDOWS_REMEMBERED = 20;

function windowOf(event: WorkerEvent | undefined): string | undefined {
  if (event?.type !== 'fetch') return undefined;
  const fetchEvent = event as FetchEvent;
  return fetchEvent.resultingClientId || fetchEvent.clientId || undefined;
}

function report(refusal: IntegrityRefusal): IntegrityReport {
  return { type: INTEGRITY_REPORT, refused: [refusal], cost: { ...plugin.cost } };
}

/** Tells every open window at once, and keeps it for the window that is still loading. */
function onRefusal(refusal: IntegrityRefusal, event: WorkerEvent | undefined): void {
  const id = windowOf(event);
  if (id) {
    unreported.set(id, [...(unreported.get(id) ?? []), refusal]);
    while (unreported.size > MAX_WINDOWS_REMEMBERED) unreported.delete(unreported.keys().next().value ?? '');
  }
  void self.clients
    .matchAll({ type: 'window', includeUncontrolled: true })
    .then((windows) => windows.forEach((client) => client.postMessage(report(refusal))));
}

const refusalText = (strings: typeof enGB, lang: string) => ({
  lang,
  refused: strings.integrity.refused,
  reconnect: strings.integrity.reconnect,
});
const REFUSAL_PAGE = refusalPage(enGB.appName, [refusalText(enGB, 'en-GB'), refusalText(cy, 'cy')]);

function refusalFor(url: string, navigation: boolean): Response {
  const headers = servedHeaders(navigation ? 'refused.html' : url, hostingHeaders);
  headers.set('Cache-Control', 'no-store');
  if (!navigation) headers.set('Content-Type', 'text/plain; charset=utf-8');
  return new Response(navigation ? REFUSAL_PAGE : `Refused: the copy of ${url} on this device was changed.`, {
    status: 503,
    statusText: 'Service Unavailable',
    headers,
  });
}

/** Manifest entries by absolute URL and by precache cache key (filled once the list is known). */
const entries = new Map<string, CheckedEntry>();

const plugin = integrityPlugin({
  openCache: () => self.caches.open(precache.strategy.cacheName),
  fetch: (request) => self.fetch(request),
  entryFor: (url) => entries.get(url),
  headersFor: (url) => servedHeaders(url, hostingHeaders),
  refusalFor,
  onRefusal,
  now: () => self.performance.now(),
});

const precache = new PrecacheController({ plugins: [plugin] });
precache.precache(manifest);
for (const [url, cacheKey] of precache.getURLsToCacheKeys()) {
  const integrity = precache.getIntegrityForCacheKey(cacheKey);
  if (!integrity) throw new Error(`No SHA-256 for ${url}`);
  entries.set(url, { url, integrity });
  entries.set(cacheKey, { url, integrity });
}

registerRoute(new PrecacheRoute(precache));
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('index.html')));

/**
 * The Chinese, Japanese and Korean report fonts (5 to 11 MB each) are not precached: fetched
 * the first time a report needs one, then kept. Their names carry a hash of their content, so a
 * kept copy is never stale. Offline before first use the fetch fails, and the report says which
 * characters it could not print.
 */
const ON_DEMAND_FONTS = /^\/assets\/NotoSans(?:SC|JP|KR)_[\w-]+\.ttf$/;
const ON_DEMAND_CACHE = 'daybook-fonts-on-demand';

async function onDemandFont(request: Request): Promise<Response> {
  const cache = await self.caches.open(ON_DEMAND_CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await self.fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === 'GET' && url.origin === self.location.origin && ON_DEMAND_FONTS.test(url.pathname)) {
    event.respondWith(onDemandFont(event.request));
  }
});

/**
 * The outcome of the last share, for the window its redirect opens: in memory only, handed to
 * the first window that asks, and forgotten after a minute (or when the worker stops).
 */
let lastShare: { report: ShareReport; at: number } | undefined;
const SHARE_REPORT_KEPT_MS = 60_000;

/**
 * Seals what was shared (./shareTarget.ts), then sends the window to "/", the lock screen: never
 * to an address that names the share. A post from another site's page is not kept.
 */
async function onShare(request: Request): Promise<Response> {
  if (!fromAnotherSite(request, self.location.origin)) {
    const report = await receiveShare(request, {
      openInbox: () => openInboxForSharing(self.indexedDB),
      writerFor: rawInboxWriter,
      seal: sealIntoInbox,
      now: () => new Date(),
    });
    lastShare = { report, at: Date.now() };
  }
  return Response.redirect(new URL('/', self.location.origin).href, 303);
}

self.addEventListener('fetch', (event) => {
  if (isShareRequest(event.request, self.location.origin)) event.respondWith(onShare(event.request));
});

self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
    void self.skipWaiting();
    return;
  }
  const source = event.source;
  if (isIntegrityQuery(data) && source && 'id' in source) event.waitUntil(answer(source));
  if (isShareQuery(data) && source && 'id' in source) {
    const share = lastShare;
    lastShare = undefined;
    if (share && Date.now() - share.at < SHARE_REPORT_KEPT_MS) source.postMessage(share.report);
  }
});

/**
 * A window's refusals, and those of windows that are gone: a page refused its own code offline
 * never started, so the next one to start says it.
 */
async function answer(client: Client): Promise<void> {
  const refused: IntegrityRefusal[] = [];
  for (const [id, refusals] of [...unreported]) {
    if (id === client.id || !(await self.clients.get(id))) {
      refused.push(...refusals);
      unreported.delete(id);
    }
  }
  const reply: IntegrityReport = { type: INTEGRITY_REPORT, refused, cost: { ...plugin.cost } };
  client.postMessage(reply);
}
