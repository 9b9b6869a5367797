// The results: a table on the terminal, bench-results/latest.json, and a markdown snippet
// (bench-results/latest.md) for the README's Performance section.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { round } from './stats';

/** One measured figure. Timings are in milliseconds; value is the median (or p50). */
export interface Figure {
  id: string;
  section: string;
  label: string;
  unit: 'ms' | 'KB' | 'MB' | 'score' | 'count' | 'text';
  value: number | string | null;
  p95?: number;
  samples?: number;
  /** What exactly was measured: start and stop points, selectors, code paths. */
  how: string;
}

export interface Ratio {
  step: string;
  encryptedMs: number;
  plainMs: number;
  ratio: number;
  how: string;
}

export interface Target {
  id: string;
  label: string;
  target: string;
  actual: string;
  /** null: not measured (yet). */
  pass: boolean | null;
  note: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  /** One-minute load average when the run started and ended. */
  loadAverage: { atStart: number; atEnd: number };
  os: string;
  node: string;
  chromium: string;
  lighthouse: string | null;
}

export interface BenchResults {
  date: string;
  command: string;
  durationS: number;
  machine: Machine;
  options: Record<string, number | boolean>;
  figures: Figure[];
  ratios: Ratio[];
  targets: Target[];
  notMeasured: string[];
  details: Record<string, unknown>;
}

export function formatValue(figure: Pick<Figure, 'value' | 'unit'>): string {
  const { value, unit } = figure;
  if (value === null) return 'n/a';
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'ms':
      return value >= 1000 ? `${round(value / 1000, 2)} s` : `${round(value, value < 10 ? 2 : 1)} ms`;
    case 'KB':
      return `${round(value, 1)} KB`;
    case 'MB':
      return `${round(value, 1)} MB`;
    case 'score':
      return String(round(value, 0));
    case 'count':
      return value.toLocaleString('en-GB');
    case 'text':
      return String(value);
  }
}

const p95Text = (figure: Figure) => (figure.p95 === undefined ? '' : formatValue({ value: figure.p95, unit: figure.unit }));

function textTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const mark = (pass: boolean | null) => (pass === null ? 'n/a' : pass ? 'pass' : 'MISS');

export function terminalReport(results: BenchResults): string {
  const out: string[] = [];
  const sections = [...new Set(results.figures.map((f) => f.section))];
  for (const section of sections) {
    out.push('', section);
    const rows = results.figures
      .filter((f) => f.section === section)
      .map((f) => [f.label, formatValue(f), p95Text(f), f.samples === undefined ? '' : String(f.samples)]);
    out.push(textTable(['measure', 'median / p50', 'p95', 'n'], rows));
  }
  out.push('', 'Encrypted against plain (same records, same run)');
  out.push(
    textTable(
      ['step', 'encrypted', 'plain', 'ratio'],
      results.ratios.map((r) => [
        r.step,
        formatValue({ value: r.encryptedMs, unit: 'ms' }),
        formatValue({ value: r.plainMs, unit: 'ms' }),
        `${round(r.ratio, 2)}×`,
      ]),
    ),
  );
  out.push('', 'Targets (reported, never asserted)');
  out.push(
    textTable(
      ['target', 'goal', 'actual', 'result'],
      results.targets.map((t) => [t.label, t.target, t.actual, mark(t.pass)]),
    ),
  );
  const notes = results.targets.filter((t) => t.note !== '');
  if (notes.length) {
    out.push('');
    for (const t of notes) out.push(`• ${t.label}: ${t.note}`);
  }
  if (results.notMeasured.length) {
    out.push('', 'Not measured');
    for (const line of results.notMeasured) out.push(`• ${line}`);
  }
  const m = results.machine;
  out.push(
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; Chromium ${m.chromium}${m.lighthouse ? `; Lighthouse ${m.lighthouse}` : ''}; load average ${m.loadAverage.atStart} at start, ${m.loadAverage.atEnd} at end`,
    `Date: ${results.date}; took ${results.durationS} s; command: ${results.command}`,
  );
  return out.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function markdownReport(results: BenchResults): string {
  const m = results.machine;
  const lines: string[] = [];
  lines.push(
    `Measured with \`${results.command}\` on ${results.date.slice(0, 10)}: ${m.cpu} (${m.cores} cores), ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, Chromium ${m.chromium} headless${m.lighthouse ? `, Lighthouse ${m.lighthouse}` : ''}. Seeded diary: ${String(results.options.incidents)} incidents. Medians of several runs; one-minute load average ${m.loadAverage.atStart} at the start and ${m.loadAverage.atEnd} at the end (above 0 means other work shared the CPU, so small differences are noise).`,
  );
  lines.push('', '| Target | Goal | Measured | |', '| --- | --- | --- | --- |');
  for (const t of results.targets)
    lines.push(`| ${cell(t.label)} | ${cell(t.target)} | ${cell(t.actual)} | ${t.pass === null ? 'n/a' : t.pass ? '✅' : '❌ missed'} |`);
  const notes = results.targets.filter((t) => t.note !== '');
  if (notes.length) {
    lines.push('');
    for (const t of notes) lines.push(`- ${t.label}: ${t.note}`);
  }
  lines.push('', '| Measure | Median / p50 | p95 |', '| --- | --- | --- |');
  for (const section of [...new Set(results.figures.map((f) => f.section))]) {
    lines.push(`| **${cell(section)}** | | |`);
    for (const f of results.figures.filter((x) => x.section === section))
      lines.push(`| ${cell(f.label)} | ${cell(formatValue(f))} | ${cell(p95Text(f))} |`);
  }
  lines.push('', '| Encrypted vs plain | Encrypted | Plain | Ratio |', '| --- | --- | --- | --- |');
  for (const r of results.ratios) {
    lines.push(
      `| ${cell(r.step)} | ${formatValue({ value: r.encryptedMs, unit: 'ms' })} | ${formatValue({ value: r.plainMs, unit: 'ms' })} | ${round(r.ratio, 2)}× |`,
    );
  }
  if (results.notMeasured.length) lines.push('', ...results.notMeasured.map((line) => `- Not measured: ${line}`));
  lines.push(
    '',
    `Reproduce: \`npm run bench\` (about 10 minutes; \`npm run bench -- --quick\` for a fast check). Full figures: \`bench-results/latest.json\`.`,
  );
  return `${lines.join('\n')}\n`;
}

export function writeReports(dir: string, results: BenchResults): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'latest.json');
  const markdown = join(dir, 'latest.md');
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdown, markdownReport(results));
  return { json, markdown };
}
