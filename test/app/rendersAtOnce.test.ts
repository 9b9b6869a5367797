// @vitest-environment jsdom
// rendersAtOnce: which screens the app's router renders in the tap's own task. Only the diary's
// first screen and the incident screen, once their code and every word they use are here;
// never the new-incident or edit screens, whose paths look alike.

import i18next, { type i18n as I18n } from 'i18next';
import { describe, expect, it } from 'vitest';
import { DIARY_NAMESPACES, diaryScreenPreloads, diaryScreenReady } from '../../src/app/diaryScreens';
import { preloadLockGuard, rendersAtOnce } from '../../src/app/routes';

const PATHS = ['/', '/incidents/abc', '/incidents/new', '/incidents/NEW', '/incidents/abc/edit', '/export', '/help', '/nowhere'];
const answers = () => Object.fromEntries(PATHS.map((path) => [path, rendersAtOnce(path)]));
const EVERY_NAMESPACE = ['common', 'vault', ...DIARY_NAMESPACES];

describe('rendersAtOnce', () => {
  it('is true for the diary and an incident only once their code and words are here', async () => {
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
      '/': true,
      '/incidents/abc': true,
      '/incidents/new': false,
      '/incidents/NEW': false,
      '/incidents/abc/edit': false,
      '/export': false,
      '/help': false,
      '/nowhere': false,
    });
  }, 60_000);

  it("waits for every namespace the screens use, the files' words among them", async () => {
    for (const preload of diaryScreenPreloads) await preload();
    const missing = (absent: string) => ({ hasLoadedNamespace: (namespace: string) => namespace !== absent }) as unknown as I18n;
    expect(DIARY_NAMESPACES).toContain('attachments');
    for (const namespace of EVERY_NAMESPACE) {
      expect(diaryScreenReady('incident', missing(namespace))).toBe(false);
      expect(diaryScreenReady('diary', missing(namespace))).toBe(false);
    }
    expect(diaryScreenReady('incident', missing('none'))).toBe(true);
    expect(diaryScreenReady('diary', missing('none'))).toBe(true);
  }, 60_000);
});
