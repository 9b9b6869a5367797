// Lighthouse 12 (the npm package) against the production build, driving the same Chromium
// binary through its DevTools port. Default config: mobile form factor, simulated throttling.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './browser';
import { median } from './stats';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
type Category = (typeof CATEGORIES)[number];

const METRICS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'Speed Index',
} as const;

export interface LighthouseRun {
  scores: Record<Category, number | null>;
  metrics: Record<string, number>;
  /** Audits that lost points in accessibility or best practices, to say why a score is short. */
  failing: { category: Category; id: string; title: string }[];
  version: string;
}

export interface LighthouseResult {
  runs: LighthouseRun[];
  /** Median score per category, 0 to 100. */
  scores: Record<Category, number | null>;
  metrics: Record<string, number>;
  failing: LighthouseRun['failing'];
  version: string;
  formFactor: string;
}

interface Chrome {
  port: number;
  process: ChildProcess;
  profile: string;
}

async function launchChrome(): Promise<Chrome> {
  const profile = await mkdtemp(join(tmpdir(), 'daybook-lighthouse-'));
  const child = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_FLAGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open a DevTools port:\n${text}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${String(code)}) before opening a DevTools port:\n${text}`));
    });
  });
  return { port, process: child, profile };
}

async function stopChrome(chrome: Chrome): Promise<void> {
  if (chrome.process.exitCode === null) {
    const exited = new Promise((resolve) => chrome.process.once('exit', resolve));
    chrome.process.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (chrome.process.exitCode === null) chrome.process.kill('SIGKILL');
  }
  await rm(chrome.profile, { recursive: true, force: true });
}

async function once(url: string, port: number): Promise<LighthouseRun> {
  const result = await lighthouse(url, { port, logLevel: 'error', output: 'json', onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error('Lighthouse returned no result');
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => {
      const score = lhr.categories[id]?.score;
      return [id, typeof score === 'number' ? Math.round(score * 100) : null];
    }),
  ) as Record<Category, number | null>;
  const metrics: Record<string, number> = {};
  for (const [id, label] of Object.entries(METRICS)) {
    const value = lhr.audits[id]?.numericValue;
    if (typeof value === 'number') metrics[label] = value;
  }
  const failing: LighthouseRun['failing'] = [];
  for (const category of CATEGORIES) {
    if (category === 'performance') continue;
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && typeof audit.score === 'number' && audit.score < 1)
        failing.push({ category, id: ref.id, title: audit.title });
    }
  }
  return { scores, metrics, failing, version: lhr.lighthouseVersion };
}

export async function runLighthouse(url: string, runs: number, log: (line: string) => void): Promise<LighthouseResult> {
  const chrome = await launchChrome();
  try {
    const results: LighthouseRun[] = [];
    for (let run = 0; run < runs; run += 1) {
      const result = await once(url, chrome.port);
      log(`  Lighthouse run ${run + 1}/${runs}: ${CATEGORIES.map((c) => `${c} ${result.scores[c] ?? '?'}`).join(', ')}`);
      results.push(result);
    }
    const scores = Object.fromEntries(
      CATEGORIES.map((id) => {
        const values = results.map((r) => r.scores[id]).filter((v): v is number => v !== null);
        return [id, values.length ? median(values) : null];
      }),
    ) as Record<Category, number | null>;
    const metrics: Record<string, number> = {};
    for (const label of Object.values(METRICS)) {
      const values = results.map((r) => r.metrics[label]).filter((v): v is number => v !== undefined);
      if (values.length) metrics[label] = median(values);
    }
    const failing = [...new Map(results.flatMap((r) => r.failing).map((f) => [f.id, f])).values()];
    return {
      runs: results,
      scores,
      metrics,
      failing,
      version: results[0]?.version ?? 'unknown',
      formFactor: 'mobile (Lighthouse default: Moto G Power emulation, simulated slow 4G and 4x CPU)',
    };
  } finally {
    await stopChrome(chrome);
  }
}
