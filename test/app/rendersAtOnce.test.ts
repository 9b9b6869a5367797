// @vitest-environment jsdom
// rendersAtOnce: which screens the app's router renders in the tap's own task. Only the
// incident screen, once its code and every word it uses are here; never the new-incident or
// edit screens, whose paths look alike, nor the diary's own screen (Back stays a transition).

import i18next, { type i18n as I18n } from 'i18next';
import { describe, expect, it } from 'vitest';
import { DIARY_NAMESPACES, diaryScreenPreloads, incidentScreenReady } from '../../src/app/diaryScreens';
import { preloadLockGuard, rendersAtOnce } from '../../src/app/routes';

const PATHS = ['/', '/incidents/abc', '/incidents/new', '/incidents/NEW', '/incidents/abc/edit', '/export', '/help', '/nowhere'];
const answers = () => Object.fromEntries(PATHS.map((path) => [path, rendersAtOnce(path)]));
const EVERY_NAMESPACE = ['common', 'vault', ...DIARY_NAMESPACES];

describe('rendersAtOnce', () => {
  it('is true for an incident only, once its code and words are here', async () => {
    await preloadLockGuard();
    // Words, but not the screens' code yet.
    await i18next.init({
      lng: 'en-GB',
      ns: EVERY_NAMESPACE,
      resources: { 'en-GB': Object.fromEntries(EVERY_NAMESPACE.map((namespace) => [namespace, {}])) },
    });
    expect(i18next.hasLoadedNamespace('diary')).toBe(true);
    expect(Object.values(answers())).not.toContain(true);
    for (const preload of diaryScreenPreloads) await preload();
    expect(answers()).toEqual({
      '/': false,
      '/incidents/abc': true,
      '/incidents/new': false,
      '/incidents/NEW': false,
      '/incidents/abc/edit': false,
      '/export': false,
      '/help': false,
      '/nowhere': false,
    });
  }, 60_000);

  it("waits for every namespace the screen uses, the files' words among them", async () => {
    for (const preload of diaryScreenPreloads) await preload();
    const missing = (absent: string) => ({ hasLoadedNamespace: (namespace: string) => namespace !== absent }) as unknown as I18n;
    expect(DIARY_NAMESPACES).toContain('attachments');
    for (const namespace of EVERY_NAMESPACE) expect(incidentScreenReady(missing(namespace))).toBe(false);
    expect(incidentScreenReady(missing('none'))).toBe(true);
  }, 60_000);
});
