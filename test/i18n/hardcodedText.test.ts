import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

/** Runs only the "no hard-coded user-visible text" rule from the project's ESLint config. */
async function literalStringErrors(patterns: string[] | { code: string; path: string }): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ruleId === 'i18next/no-literal-string' });
  const results = Array.isArray(patterns)
    ? await eslint.lintFiles(patterns)
    : await eslint.lintText(patterns.code, { filePath: patterns.path });
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath.replace(root, '')}:${m.line} ${m.message}`));
}

describe('user-visible text', () => {
  it('no component under src/ hard-codes text: everything goes through i18next', async () => {
    expect(await literalStringErrors(['src/**/*.tsx'])).toEqual([]);
  });

  it('the check catches hard-coded text and labels', async () => {
    const code = ['export function Bad() {', '  return <button aria-label="Close window">Press here</button>;', '}'].join('\n');
    const errors = await literalStringErrors({ code, path: `${root}src/features/bad/Bad.tsx` });
    expect(errors.length).toBe(2);
  });
});
