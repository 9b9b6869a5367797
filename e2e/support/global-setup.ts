import { createServer, type Server } from 'node:http';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    exitURL: string;
  }
}

const root = new URL('../../', import.meta.url).pathname;

/** A stand-in for the neutral site quick exit opens, on another origin (another port). */
function startNeutralSite(): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><title>Weather</title><h1>Weather forecast</h1></html>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let app: PreviewServer | undefined;
let neutral: Server | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${root}dist/index.html`)) {
    throw new Error('dist/ is missing: run `vite build` first (npm test does this for you).');
  }
  // Served from a copy taken now, so a build started meanwhile (another run on this machine)
  // cannot change the files under a running test.
  const copy = mkdtempSync(join(tmpdir(), 'daybook-e2e-dist-'));
  cpSync(`${root}dist`, copy, { recursive: true });
  app = await preview({
    root,
    logLevel: 'warn',
    build: { outDir: copy },
    preview: { port: 4190, strictPort: false, host: 'localhost' },
  });
  const baseURL = app.resolvedUrls?.local[0];
  if (!baseURL) throw new Error('vite preview did not report its address');
  neutral = await startNeutralSite();
  const { port } = neutral.address() as AddressInfo;
  project.provide('baseURL', baseURL.replace(/\/$/, ''));
  project.provide('exitURL', `http://127.0.0.1:${port}/weather`);
  return async () => {
    await app?.close();
    rmSync(copy, { recursive: true, force: true });
    await new Promise((resolve) => neutral?.close(resolve));
  };
}
