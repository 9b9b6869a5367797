// The production build served for one engine's tests, on a fixed port so that the origin (and
// with it IndexedDB and the service worker) stays the same when the server is stopped to take
// the app offline and started again.

import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { preview, type PreviewServer } from 'vite';

const root = new URL('../../', import.meta.url).pathname;

export interface ServedApp {
  /** The app's address, without a trailing slash. */
  url: string;
  /** A neutral page on another origin, where quick exit is sent in these tests. */
  exitURL: string;
  /** Stops serving the app: the network is gone, as far as the page can tell. */
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  close(): Promise<void>;
}

function startNeutralSite(): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><title>Weather</title><h1>Weather forecast</h1></html>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function serveApp(port: number): Promise<ServedApp> {
  if (!existsSync(`${root}dist/index.html`)) throw new Error('dist/ is missing: run `vite build` first (npm test does this).');
  const start = () => preview({ root, logLevel: 'warn', preview: { port, strictPort: true, host: 'localhost' } });
  let app: PreviewServer | null = await start();
  const neutral = await startNeutralSite();
  const { port: neutralPort } = neutral.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    exitURL: `http://127.0.0.1:${neutralPort}/weather`,
    goOffline: async () => {
      await app?.close();
      app = null;
    },
    goOnline: async () => {
      app ??= await start();
    },
    close: async () => {
      await app?.close();
      await new Promise((resolve) => neutral.close(resolve));
    },
  };
}
