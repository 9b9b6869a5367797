import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { hostingHeaders } from '../../../src/sw/hostingHeaders';
import {
  contentTypeFor,
  integrityPlugin,
  normaliseManifest,
  refusalPage,
  servedHeaders,
  sha256Integrity,
  type CheckedEntry,
} from '../../../src/sw/integrity';
import type { IntegrityRefusal } from '../../../src/sw/messages';

const ORIGIN = 'https://daybook.test';
const GOOD = 'console.log("the app");';
const sri = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
const ENTRY: CheckedEntry = { url: `${ORIGIN}/assets/index-abc12345.js`, integrity: sri(GOOD) };
const CACHE_KEY = ENTRY.url;

function harness(
  network: (request: Request) => Promise<Response> = () => Promise.reject(new TypeError('offline')),
  now: () => number = () => performance.now(),
) {
  const cache = { delete: vi.fn(async () => true), put: vi.fn(async () => undefined) };
  const refusals: IntegrityRefusal[] = [];
  const fetch = vi.fn(network);
  const plugin = integrityPlugin({
    openCache: async () => cache,
    fetch,
    entryFor: (url) => (url === ENTRY.url || url === CACHE_KEY ? ENTRY : undefined),
    headersFor: (url) => servedHeaders(url, hostingHeaders),
    refusalFor: (url, navigation) => new Response(`refused ${url} ${navigation}`, { status: 503 }),
    onRefusal: (refusal) => refusals.push(refusal),
    now,
  });
  return { plugin, cache, refusals, fetch };
}

const fetchEvent = { type: 'fetch', request: new Request(ENTRY.url) };
const tampered = () => new Response(`globalThis.evil = true; ${GOOD}`, { headers: { 'content-type': 'text/javascript' } });

describe('precache integrity: helpers', () => {
  it('writes the same SHA-256 as Subresource Integrity does', async () => {
    expect(await sha256Integrity(new TextEncoder().encode(GOOD))).toBe(sri(GOOD));
    expect(await sha256Integrity(new Uint8Array())).toBe('sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it('keeps one entry per URL, the one with a hash, and refuses a manifest with a file unhashed', () => {
    const entries = normaliseManifest([
      { url: 'index.html', revision: 'r1', integrity: 'sha256-aaa' },
      { url: 'icons/icon.svg', revision: 'r2' },
      { url: 'icons/icon.svg', revision: 'r2', integrity: 'sha256-bbb' },
      { url: 'index.html', revision: 'r1' },
    ]);
    expect(entries).toEqual([
      { url: 'index.html', revision: 'r1', integrity: 'sha256-aaa' },
      { url: 'icons/icon.svg', revision: 'r2', integrity: 'sha256-bbb' },
    ]);
    expect(() =>
      normaliseManifest([
        { url: 'index.html', integrity: 'sha256-aaa' },
        { url: 'sw-extra.js', revision: null },
      ]),
    ).toThrow(/sw-extra\.js/);
    expect(() => normaliseManifest(['index.html'])).toThrow(/index\.html/);
  });

  it('decides content types from the file name, whatever a cached copy claims', () => {
    expect(contentTypeFor(`${ORIGIN}/index.html?__WB_REVISION__=abc`)).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/index-abc12345.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('manifest.webmanifest')).toBe('application/manifest+json; charset=utf-8');
    expect(contentTypeFor('icons/icon.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('something.exe')).toBe('application/octet-stream');
    const headers = servedHeaders('index.html', hostingHeaders);
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('writes a refusal page with no script, every language, and escaped text', () => {
    const page = refusalPage('Daybook', [
      { lang: 'en-GB', refused: 'Changed <copy>.', reconnect: 'Reconnect.' },
      { lang: 'cy', refused: "Wedi'i newid.", reconnect: 'Cysylltwch.' },
    ]);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('<html lang="en-GB">');
    expect(page).toContain('Changed &lt;copy&gt;.');
    expect(page).toContain('<section lang="cy"><p>Wedi&#39;i newid.</p>');
  });
});

describe('precache integrity: serving from the cache', () => {
  it('serves a matching copy with the build’s headers, not the cached ones, and counts the cost', async () => {
    const { plugin, cache, refusals, fetch } = harness();
    const cached = new Response(GOOD, { headers: { 'content-type': 'text/html', refresh: '0; url=https://elsewhere.test/' } });
    const served = await plugin.cachedResponseWillBeUsed({ request: new Request(CACHE_KEY), cachedResponse: cached, event: fetchEvent });
    expect(await served?.text()).toBe(GOOD);
    expect(served?.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(served?.headers.get('refresh')).toBeNull();
    expect(served?.headers.get('content-security-policy')).toBe(hostingHeaders['Content-Security-Policy']);
    expect(cache.delete).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
    expect(refusals).toEqual([]);
    expect(plugin.cost.responses).toBe(1);
    expect(plugin.cost.bytes).toBe(GOOD.length);
  });

  it('counts the time checks overlap once: what the start-up waits for, not each check’s wait behind the others', async () => {
    let clock = 0;
    const { plugin } = harness(undefined, () => clock);
    const serve = () =>
      plugin.cachedResponseWillBeUsed({ request: new Request(CACHE_KEY), cachedResponse: new Response(GOOD), event: fetchEvent });
    const both = Promise.all([serve(), serve()]);
    clock = 10;
    await both;
    expect(plugin.cost.responses).toBe(2);
    expect(plugin.cost.milliseconds).toBe(10);
  });

  it('replaces a changed copy with a fresh one that matches, fetched past the HTTP cache', async () => {
    const { plugin, cache, refusals, fetch } = harness(async () => new Response(GOOD));
    const request = new Request(CACHE_KEY);
    const served = await plugin.cachedResponseWillBeUsed({ request, cachedResponse: tampered(), event: fetchEvent });
    expect(await served?.text()).toBe(GOOD);
    expect(cache.delete).toHaveBeenCalledWith(request);
    expect(cache.put).toHaveBeenCalledOnce();
    const [fresh] = fetch.mock.calls[0] ?? [];
    expect(fresh?.url).toBe(ENTRY.url);
    expect(fresh?.cache).toBe('reload');
    expect(fresh?.integrity).toBe(ENTRY.integrity);
    expect(refusals).toEqual([{ url: ENTRY.url, outcome: 'replaced' }]);
  });

  it('refuses the request, never the changed bytes, when no matching copy can be fetched', async () => {
    for (const network of [() => Promise.reject(new TypeError('offline')), async () => new Response(`evil(); ${GOOD}`)]) {
      const { plugin, cache, refusals } = harness(network);
      const served = await plugin.cachedResponseWillBeUsed({
        request: new Request(CACHE_KEY),
        cachedResponse: tampered(),
        event: fetchEvent,
      });
      expect(served?.status).toBe(503);
      expect(await served?.text()).not.toContain('evil');
      expect(cache.delete).toHaveBeenCalledOnce();
      expect(cache.put).not.toHaveBeenCalled();
      expect(refusals).toEqual([{ url: ENTRY.url, outcome: 'refused' }]);
      // Asked again, with the copy now gone from the cache: still refused, not a bare error.
      const again = await plugin.cachedResponseWillBeUsed({ request: new Request(CACHE_KEY), event: fetchEvent });
      expect(again?.status).toBe(503);
    }
  });

  it('treats a copy whose body cannot be read as changed', async () => {
    const { plugin, refusals } = harness();
    const broken = new Response(
      new ReadableStream({
        pull(controller) {
          controller.error(new Error('broken'));
        },
      }),
    );
    const served = await plugin.cachedResponseWillBeUsed({ request: new Request(CACHE_KEY), cachedResponse: broken, event: fetchEvent });
    expect(served?.status).toBe(503);
    expect(refusals).toHaveLength(1);
  });

  it('fails closed for a URL the manifest does not list', async () => {
    const { plugin } = harness();
    const served = await plugin.cachedResponseWillBeUsed({
      request: new Request(`${ORIGIN}/assets/other.js`),
      cachedResponse: new Response(GOOD),
      event: fetchEvent,
    });
    expect(served?.status).toBe(503);
  });

  it('fills a missing copy from the network only if it matches; else a network error', async () => {
    const online = harness(async () => new Response(GOOD));
    const filled = await online.plugin.cachedResponseWillBeUsed({ request: new Request(CACHE_KEY), event: fetchEvent });
    expect(await filled?.text()).toBe(GOOD);
    expect(online.cache.put).toHaveBeenCalledOnce();
    expect(online.refusals).toEqual([]);

    const offline = harness();
    const failed = await offline.plugin.cachedResponseWillBeUsed({ request: new Request(CACHE_KEY), event: fetchEvent });
    expect(failed?.type).toBe('error');
  });
});

describe('precache integrity: installing a new version', () => {
  it('drops a changed copy so workbox fetches it again past the HTTP cache', async () => {
    const { plugin, cache, refusals, fetch } = harness();
    const state: Record<string, unknown> = {};
    const install = { type: 'install' };
    const request = new Request(CACHE_KEY);
    expect(await plugin.cachedResponseWillBeUsed({ request, cachedResponse: tampered(), event: install, state })).toBeUndefined();
    expect(cache.delete).toHaveBeenCalledWith(request);
    expect(fetch).not.toHaveBeenCalled();
    expect(refusals).toEqual([{ url: ENTRY.url, outcome: 'replaced' }]);
    expect((await plugin.requestWillFetch({ request: new Request(ENTRY.url), state })).cache).toBe('reload');
    expect((await plugin.requestWillFetch({ request: new Request(ENTRY.url), state: {} })).cache).toBe('default');
    // A matching copy is kept; checking it at install is not counted as start-up cost.
    expect(await plugin.cachedResponseWillBeUsed({ request, cachedResponse: new Response(GOOD), event: install, state: {} })).toBeDefined();
    expect(plugin.cost.responses).toBe(0);
  });

  it('accepts only network copies that match, so an install never stores a changed file', async () => {
    const { plugin } = harness();
    const checked = await plugin.fetchDidSucceed({ request: new Request(ENTRY.url), response: new Response(GOOD) });
    expect(await checked.text()).toBe(GOOD);
    await expect(plugin.fetchDidSucceed({ request: new Request(ENTRY.url), response: new Response(`x${GOOD}`) })).rejects.toThrow(
      /does not match/,
    );
    await expect(
      plugin.fetchDidSucceed({ request: new Request(ENTRY.url), response: new Response(GOOD, { status: 404 }) }),
    ).rejects.toThrow();
  });
});
