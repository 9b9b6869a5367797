// Finding and driving the app's controls in WebKitGTK by what a person sees: role and name,
// label, text. WebDriver classic has no such locators, so a small script finds the element in
// the page (the same script on every call: pages reload) and hands back a reference, which is
// then clicked through the driver. Every lookup polls until found, or fails with what it sought.

import { WebDriverError, type ElementRef, type Session } from './webdriver';

type Role = 'button' | 'link' | 'heading' | 'checkbox' | 'radio' | 'searchbox';
type Name = string | RegExp;

/** What to look for. Names are whole accessible names; `text` is a substring (or RegExp) of the innermost element. */
export type Query =
  | { role: Role; name?: Name; level?: number }
  | { label: string; hidden?: boolean }
  | { text: Name }
  | { css: string; hidden?: boolean }
  | { testId: string };

/** A query as it travels to the page (a RegExp does not survive JSON). */
type WireName = { exact: string } | { source: string; flags: string };
type WireQuery = {
  role?: Role;
  name?: WireName;
  level?: number;
  label?: string;
  text?: WireName;
  css?: string;
  testId?: string;
  hidden?: boolean;
};

const wireName = (name: Name): WireName => (typeof name === 'string' ? { exact: name } : { source: name.source, flags: name.flags });

function toWire(query: Query): WireQuery {
  if ('role' in query) return { role: query.role, level: query.level, name: query.name === undefined ? undefined : wireName(query.name) };
  if ('text' in query) return { text: wireName(query.text) };
  return query;
}

function describe(query: Query): string {
  return JSON.stringify(query, (_key, value: unknown) => (value instanceof RegExp ? String(value) : value));
}

/** Runs in the page: every element matching the query, visible ones only unless `hidden`. */
function findAll(query: WireQuery): Element[] {
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  const test = (wanted: WireName, value: string) =>
    'exact' in wanted ? value === wanted.exact : new RegExp(wanted.source, wanted.flags).test(value);
  /** Text as a screen reader reads it: aria-hidden parts left out, image alternatives in. */
  const textOf = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
    if (node instanceof HTMLImageElement) return node.alt;
    return Array.from(node.childNodes).map(textOf).join('');
  };
  const nameOf = (el: Element): string => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy)
      return normalise(
        labelledBy
          .split(/\s+/)
          .map((id) => textOf(document.getElementById(id) ?? document.createElement('i')))
          .join(' '),
      );
    const label = el.getAttribute('aria-label');
    if (label) return normalise(label);
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return normalise(Array.from(labels).map(textOf).join(' '));
    if (el instanceof HTMLInputElement) return normalise(el.type === 'submit' || el.type === 'button' ? el.value : (el.title ?? ''));
    return normalise(textOf(el));
  };
  const visible = (el: Element) => {
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && el.getClientRects().length > 0;
  };
  const selectors: Record<Role, string> = {
    button: 'button, [role=button], input[type=button], input[type=submit]',
    link: 'a[href], [role=link]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    checkbox: 'input[type=checkbox], [role=checkbox]',
    radio: 'input[type=radio], [role=radio]',
    searchbox: 'input[type=search], [role=searchbox]',
  };
  let found: Element[];
  if (query.role) {
    found = Array.from(document.querySelectorAll(selectors[query.role])).filter(
      (el) =>
        (query.name === undefined || test(query.name, nameOf(el))) &&
        (query.level === undefined || el.tagName === `H${query.level}` || el.getAttribute('aria-level') === String(query.level)),
    );
  } else if (query.label !== undefined) {
    found = Array.from(document.querySelectorAll('input, textarea, select, [aria-label], [aria-labelledby]')).filter(
      (el) => nameOf(el) === query.label,
    );
  } else if (query.text) {
    const wanted = query.text;
    const matches = (el: Element) => {
      const text = normalise(textOf(el));
      return 'exact' in wanted ? text.includes(wanted.exact) : test(wanted, text);
    };
    // The innermost elements holding the text.
    found = Array.from(document.body.querySelectorAll('*')).filter(
      (el) => !['SCRIPT', 'STYLE'].includes(el.tagName) && matches(el) && !Array.from(el.children).some(matches),
    );
  } else if (query.testId !== undefined) {
    found = Array.from(document.querySelectorAll(`[data-testid="${CSS.escape(query.testId)}"]`));
  } else {
    found = Array.from(document.querySelectorAll(query.css ?? ':not(*)'));
  }
  return query.hidden ? found : found.filter(visible);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The document in the session's current window, driven through role, label and text. */
export class Page {
  constructor(readonly session: Session) {}

  /** The first element the query finds now, or null. */
  async find(query: Query): Promise<ElementRef | null> {
    return this.session.run(`${findAll.toString()}; return findAll(arguments[0])[0] ?? null;`, toWire(query));
  }

  async count(query: Query): Promise<number> {
    return this.session.run(`${findAll.toString()}; return findAll(arguments[0]).length;`, toWire(query));
  }

  /** Polls until `check` returns something other than undefined/false, or fails with `what`. */
  async poll<T>(what: string, check: () => Promise<T | undefined | false>, timeout = 20_000): Promise<T> {
    const started = Date.now();
    let lastError: unknown;
    for (;;) {
      try {
        const result = await check();
        if (result !== undefined && result !== false) return result;
      } catch (error) {
        // A page that is navigating cannot run scripts for a moment.
        lastError = error;
      }
      if (Date.now() - started > timeout) {
        const seen = await this.describePage();
        throw new Error(
          `Timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}; the page showed: ${seen}`,
        );
      }
      await sleep(100);
    }
  }

  /** The page's address and the start of its visible text, so a CI failure says what was on screen. */
  async describePage(): Promise<string> {
    try {
      const url = await this.session.url();
      const text: unknown = await this.session.execute(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 600));
      return `${url} «${String(text)}»`;
    } catch (error) {
      return `(could not be read: ${String(error)})`;
    }
  }

  async waitFor(query: Query, timeout = 20_000): Promise<ElementRef> {
    return this.poll(describe(query), async () => (await this.find(query)) ?? undefined, timeout);
  }

  /**
   * Runs `fn` on the element the query finds, looked up afresh each time (React may replace it),
   * until it returns something other than undefined or false.
   */
  async on<T>(query: Query, fn: (element: never, ...args: never[]) => T | undefined | false, ...args: unknown[]): Promise<T> {
    return this.poll(describe(query), async () => {
      const element = await this.find(query);
      return element ? this.session.execute(fn, element, ...args) : undefined;
    });
  }

  /**
   * A driver action on the element, retried while it cannot take it yet (absent, disabled,
   * covered, replaced by a re-render). Any other driver error fails at once: it may have landed.
   */
  private async act(query: Query, action: (element: ElementRef) => Promise<void>, timeout = 20_000): Promise<void> {
    const retry = ['no such element', 'stale element reference', 'element click intercepted', 'element not interactable'];
    const started = Date.now();
    for (;;) {
      try {
        const element = await this.find(query);
        if (element && !(await this.session.execute((el: HTMLButtonElement) => el.disabled, element))) return await action(element);
      } catch (error) {
        if (!(error instanceof WebDriverError && retry.includes(error.code))) throw error;
      }
      if (Date.now() - started > timeout) throw new Error(`Timed out after ${timeout} ms waiting for a usable ${describe(query)}`);
      await sleep(100);
    }
  }

  /** A driver click: the element is scrolled into view and must be the one hit. */
  async click(query: Query, timeout = 20_000): Promise<void> {
    await this.act(query, (element) => this.session.click(element), timeout);
  }

  /** Picks a local file in the <input type=file> with this label: WebDriver "element send keys" with its path. */
  async upload(label: string, path: string): Promise<void> {
    await this.act({ label, hidden: true }, (element) => this.session.sendKeys(element, path));
  }

  /** Sets a field's value as typing would end: through the native setter, then input and change events React hears. */
  async fill(query: Query, value: string): Promise<void> {
    await this.on(
      query,
      (el: HTMLInputElement | HTMLTextAreaElement, text: string) => {
        el.focus();
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
        if (!setter) throw new Error('no value setter');
        setter.call(el, text);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      },
      value,
    );
  }

  /** Ticks a checkbox or radio with a driver click (on its label if the box itself is styled away). */
  async check(query: Query): Promise<void> {
    await this.poll(`${describe(query)} checked`, async () => {
      const element = await this.waitFor(query);
      const checked = () => this.session.execute((el: HTMLInputElement) => el.checked, element);
      if (await checked()) return true;
      await this.session.click(element).catch(async () => {
        const label = await this.session.execute((el: HTMLInputElement): unknown => el.labels?.[0] ?? null, element);
        if (label) await this.session.click(label as ElementRef);
      });
      return checked();
    });
  }

  async text(query: Query): Promise<string> {
    return this.on(query, (el: HTMLElement) => el.textContent ?? '');
  }

  /** Waits until some element's text contains (or matches) this. */
  async waitForText(text: Name, timeout = 20_000): Promise<void> {
    await this.waitFor({ text }, timeout);
  }

  async waitForUrl(test: (url: string) => boolean, timeout = 20_000): Promise<string> {
    return this.poll(
      'the address to change',
      async () => {
        const url = await this.session.url();
        return test(url) ? url : undefined;
      },
      timeout,
    );
  }
}
