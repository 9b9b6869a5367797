import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe-core over the page: WCAG 2.0–2.2 A and AA plus best practice; one line per violation.
 * Legacy mode runs axe in the page itself. The default mode also opens a blank page to combine
 * each frame's results, about a second a run on a busy CI machine over some 200 runs; the app
 * has no frames, so the rules and what they see are the same.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .setLegacyMode()
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
