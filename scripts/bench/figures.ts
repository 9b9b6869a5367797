// Helpers for building the report's figures and target notes.

import type { Figure } from './report';
import { median, percentile, round } from './stats';

export const kb = (bytes: number) => bytes / 1024;
export const mb = (bytes: number) => bytes / (1024 * 1024);

export const timing = (id: string, section: string, label: string, samples: readonly number[], how: string, withP95 = false): Figure => ({
  id,
  section,
  label,
  unit: 'ms',
  value: round(median(samples), 2),
  ...(withP95 ? { value: round(percentile(samples, 50), 2), p95: round(percentile(samples, 95), 2) } : {}),
  samples: samples.length,
  how,
});

export const notes = (...parts: string[]) => parts.filter((part) => part !== '').join('; ');

export function overBy(actual: number, limit: number, unit: string): string {
  const over = actual - limit;
  return `over by ${round(over, unit === 's' ? 2 : 1)} ${unit} (${round((over / limit) * 100, 0)}%)`;
}
