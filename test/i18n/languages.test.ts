import { describe, expect, it } from 'vitest';
import { toSupportedLanguage } from '../../src/i18n/languages';

describe('toSupportedLanguage', () => {
  it.each([
    ['cy', 'cy'],
    ['cy-GB', 'cy'],
    ['CY', 'cy'],
    ['en-GB', 'en-GB'],
    ['en-US', 'en-GB'],
    ['en', 'en-GB'],
    ['fr-FR', 'en-GB'],
    ['', 'en-GB'],
    [null, 'en-GB'],
  ])('%s -> %s', (input, expected) => {
    expect(toSupportedLanguage(input)).toBe(expected);
  });
});
