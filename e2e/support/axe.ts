import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe-core over the page: WCAG 2.0–2.2 A and AA plus best practice; one line per violation.
 * Legacy mode runs axe in the page itself. The default mode also opens a blank page to combine
 * each frame's results (the help and accessibility files took 87.7 s with it, 78.5 s without);
 * the app has no frames, so the rules and what they see are the same. Should the app ever show a frame
 * (a PDF preview, say), go back to the default mode, which is the one made for frames.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .setLegacyMode()
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
