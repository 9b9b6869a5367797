// A minimal W3C WebDriver (classic) client over fetch, for WebKitGTK's WebKitWebDriver.
//
// Hand-written on purpose: webdriverio's install pulls a driver-downloading postinstall, and
// selenium-webdriver needs Node 22, while CI runs Node 20 with Debian's own driver. Only the
// commands the engine tests use are here: sessions, navigation, scripts, elements, windows.
//
// One WebKitWebDriver serves one session at a time ("Maximum number of active sessions"), so
// every session gets its own driver process on a free port. Under automation MiniBrowser uses
// an ephemeral data store: a new session is a fresh profile (the tests check this).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';

const DRIVER = '/usr/bin/WebKitWebDriver';
/** The W3C key of an element reference in JSON. */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export interface ElementRef {
  [ELEMENT_KEY]: string;
}

export class WebDriverError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Debian's MiniBrowser, wherever the multiarch directory and API version put it. */
export function miniBrowserPath(): string {
  // By hand: fs.globSync needs Node 22.
  const found = readdirSync('/usr/lib', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((arch) =>
      readdirSync(`/usr/lib/${arch.name}`)
        .filter((name) => /^webkit2gtk-4\.\d+$/.test(name))
        .map((name) => `/usr/lib/${arch.name}/${name}/MiniBrowser`),
    )
    .find((path) => existsSync(path));
  if (!found) throw new Error('MiniBrowser not found: install webkit2gtk-driver (Debian) for /usr/lib/*/webkit2gtk-4.*/MiniBrowser');
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The X display the browser draws on: $DISPLAY, or an Xvfb started (and later stopped) here. */
export interface Display {
  name: string;
  stop(): Promise<void>;
}

export async function startDisplay(): Promise<Display> {
  if (process.env.DISPLAY) return { name: process.env.DISPLAY, stop: async () => undefined };
  // -displayfd: Xvfb picks a free display number itself and writes it to fd 3 once it is ready.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${errors}`)), 10_000);
    xvfb.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.trim());
      }
    });
    xvfb.on('error', (error) => reject(new Error(`Xvfb could not run (install xvfb): ${error.message}`)));
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${errors}`)));
  });
  return { name: `:${number}`, stop: () => stopProcess(xvfb) };
}

interface WireResponse {
  value: unknown;
}

/** One browser session, with the driver process that runs it. */
export class Session {
  private constructor(
    private readonly base: string,
    private readonly driver: ChildProcess,
    readonly id: string,
    readonly browserVersion: string,
  ) {}

  /** Starts WebKitWebDriver on a free port and opens a MiniBrowser session through it. */
  static async start(display: Display): Promise<Session> {
    const port = await freePort();
    const driver = spawn(DRIVER, [`--port=${port}`], {
      env: { ...process.env, DISPLAY: display.name },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    driver.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let waited = 0; ; waited += 50) {
        if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode}): ${log}`);
        const ready = await fetch(`${base}/status`)
          .then((response) => response.ok)
          .catch(() => false);
        if (ready) break;
        if (waited > 10_000) throw new Error(`WebKitWebDriver did not answer on port ${port}: ${log}`);
        await sleep(50);
      }
      const created = (await command(base, 'POST', '/session', {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary: miniBrowserPath(), args: ['--automation'] },
          },
        },
      })) as { sessionId: string; capabilities: { browserVersion?: string } };
      return new Session(base, driver, created.sessionId, created.capabilities.browserVersion ?? '?');
    } catch (error) {
      await stopProcess(driver);
      throw error;
    }
  }

  private send(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    return command(this.base, method, `/session/${this.id}${path}`, body);
  }

  async navigate(url: string): Promise<void> {
    await this.send('POST', '/url', { url });
  }

  async url(): Promise<string> {
    return (await this.send('GET', '/url')) as string;
  }

  async refresh(): Promise<void> {
    await this.send('POST', '/refresh', {});
  }

  async back(): Promise<void> {
    await this.send('POST', '/back', {});
  }

  /**
   * Runs a function in the page and returns its (JSON) result. Element references among the
   * arguments arrive as elements, and elements returned come back as references.
   */
  async execute<T>(fn: (...args: never[]) => T, ...args: unknown[]): Promise<T> {
    return this.run<T>(`return (${fn.toString()}).apply(null, arguments);`, ...args);
  }

  /** Runs a script body (which reads `arguments`) in the page. */
  async run<T>(script: string, ...args: unknown[]): Promise<T> {
    return (await this.send('POST', '/execute/sync', { script, args })) as T;
  }

  /** Runs an async function in the page and waits for it; a rejection becomes an error here. */
  async executeAsync<T>(fn: (...args: never[]) => Promise<T>, ...args: unknown[]): Promise<T> {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn.toString()}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((value) => done({ value }), (error) => done({ error: String((error && error.stack) || error) }));`;
    const result = (await this.send('POST', '/execute/async', { script, args })) as { value?: T; error?: string };
    if (result.error !== undefined) throw new Error(`in the page: ${result.error}`);
    return result.value as T;
  }

  /** A real (driver-dispatched) click: the element is scrolled into view and must be hittable. */
  async click(element: ElementRef): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT_KEY]}/click`, {});
  }

  /** Types into an element; for <input type=file>, the text is a local file path. */
  async sendKeys(element: ElementRef, text: string): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT_KEY]}/value`, { text });
  }

  async windowHandle(): Promise<string> {
    return (await this.send('GET', '/window')) as string;
  }

  /**
   * Opens a new tab, or window, (not switched to) and returns its handle. A tab in the
   * background is hidden, and Daybook covers a hidden page (issue 13), so a test that works in
   * both at once opens a window.
   */
  async newWindow(type: 'tab' | 'window' = 'tab'): Promise<string> {
    return ((await this.send('POST', '/window/new', { type })) as { handle: string }).handle;
  }

  async switchToWindow(handle: string): Promise<void> {
    await this.send('POST', '/window', { handle });
  }

  /** Closes the current window; switch to another one after. */
  async closeWindow(): Promise<void> {
    await this.send('DELETE', '/window');
  }

  /** Ends the session (MiniBrowser closes) and stops its driver. */
  async quit(): Promise<void> {
    try {
      await this.send('DELETE', '');
    } finally {
      await stopProcess(this.driver);
    }
  }
}

async function command(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as WireResponse;
  const value = json.value as { error?: string; message?: string } | null;
  if (!response.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
    throw new WebDriverError(value?.error ?? `HTTP ${response.status}`, `${method} ${path}: ${value?.message ?? ''}`);
  }
  return json.value;
}
