import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('passphrase fields', () => {
  it('only PassphraseInput renders a password input, so every one asks browsers not to save it', () => {
    const offenders = sourceFiles(SRC)
      .filter((path) => !path.endsWith(join('shared', 'ui', 'PassphraseInput.tsx')))
      .filter((path) => /type=["{']+password|type:\s*'password'|current-password|new-password/.test(readFileSync(path, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('PassphraseInput itself carries autocomplete="one-time-code"', () => {
    const source = readFileSync(join(SRC, 'shared/ui/PassphraseInput.tsx'), 'utf8');
    expect(source).toMatch(/autoComplete: 'one-time-code'/);
  });
});
