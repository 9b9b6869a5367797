import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../src/', import.meta.url).pathname;

function cssFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return cssFiles(path);
    return path.endsWith('.css') ? [path] : [];
  });
}

// Physical (left/right/top/bottom, width/height) properties break right-to-left layouts.
const PHYSICAL =
  /(^|[\s;{])(margin|padding|border)-(left|right|top|bottom)(-[a-z]+)?\s*:|(^|[\s;{])(left|right|top|bottom|width|height|min-width|max-width|min-height|max-height)\s*:|(text-align|float|clear)\s*:\s*(left|right)/m;

/**
 * A four-value margin, padding or inset with different right and left values (`padding: 0 1rem 0 0`)
 * puts the gap on the same physical side in both directions. Three values or fewer are symmetric.
 */
function lopsidedShorthand(line: string): boolean {
  const match = /(^|[\s;{])(margin|padding|inset)\s*:\s*([^;}]+)/.exec(line);
  if (!match?.[3]) return false;
  const values = match[3]
    .trim()
    .replace(/\s*!important$/, '')
    .split(/\s+/);
  return values.length === 4 && values[1] !== values[3];
}

describe('CSS', () => {
  it('uses logical properties only', () => {
    const files = cssFiles(src);
    expect(files.length).toBeGreaterThan(0);
    const offending: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (PHYSICAL.test(line) || lopsidedShorthand(line)) offending.push(`${file.replace(src, 'src/')}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(offending).toEqual([]);
  });

  it('the check catches physical properties', () => {
    for (const line of [
      '  margin-left: 1px;',
      'padding-right:0',
      '  left: 0;',
      '  width: 10px;',
      'text-align: right;',
      'border-top-width: 1px;',
    ]) {
      expect(PHYSICAL.test(line), line).toBe(true);
    }
    for (const line of ['  margin-inline-start: 1px;', '  inset-inline-start: 0;', '  inline-size: 10px;', 'text-align: start;']) {
      expect(PHYSICAL.test(line), line).toBe(false);
    }
    expect(lopsidedShorthand('  padding: 0.35rem 0.5rem 0.35rem 0;')).toBe(true);
    expect(lopsidedShorthand('margin:0 1px 0 2px')).toBe(true);
    for (const line of ['  margin: 0 0 1rem;', '  padding: 1rem 2rem 1rem 2rem;', '  padding: 0.5rem;', '  margin-block: 0 1rem;']) {
      expect(lopsidedShorthand(line), line).toBe(false);
    }
  });
});
