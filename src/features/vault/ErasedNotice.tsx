import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceEraseReport } from '../../core/device/eraseDeviceState';

/**
 * Shown on the set-up screen once everything was erased: what went, and, plainly, what Daybook
 * cannot clear. Focus moves here, as the button that started the erase has gone. Its code and
 * strings (the settings namespace, in use when erasing) are loaded before the erase starts
 * (see EraseEverything), so it shows offline, with Daybook's offline copy already removed.
 */
export function ErasedNotice({ report }: { report: DeviceEraseReport }) {
  const { t } = useTranslation('settings');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const failed = new Set(report.failed);
  const preferencesLeft = failed.has('preferences');
  const offlineCopyLeft = failed.has('caches') || failed.has('serviceWorker');
  return (
    <section className="notice" aria-labelledby="erased-title">
      <h2 id="erased-title" ref={heading} tabIndex={-1}>
        {t('erased.title')}
      </h2>
      <p>{t('erased.diary')}</p>
      {!preferencesLeft && !offlineCopyLeft && <p>{t('erased.device')}</p>}
      {preferencesLeft && <p className="error">{t('erased.failed.preferences')}</p>}
      {offlineCopyLeft && <p className="error">{t('erased.failed.offlineCopy')}</p>}
      <h3>{t('erased.cannot.title')}</h3>
      <ul>
        <li>{t('erased.cannot.history')}</li>
        <li>{t('erased.cannot.files')}</li>
        <li>{t('erased.cannot.browser')}</li>
      </ul>
      <p>{t('erased.online')}</p>
    </section>
  );
}
