import { useTranslation } from 'react-i18next';
import { detectPlatform, PLATFORMS, type Platform } from './platform';

/** The steps for one platform, in order; Android alone can share into the installed app. */
const STEPS = {
  ios: ['guide.ios.take', 'guide.ios.add', 'guide.ios.tidy'],
  android: ['guide.android.take', 'guide.android.share', 'guide.android.add', 'guide.android.tidy'],
  computer: ['guide.computer.take', 'guide.computer.add', 'guide.computer.tidy'],
} as const;

function Steps({ platform }: { platform: Platform }) {
  const { t } = useTranslation('capture');
  // The button the steps name, as the form labels it in this language.
  const addFiles = t('picker.addFiles', { ns: 'attachments' });
  return (
    <ol>
      {STEPS[platform].map((key) => (
        <li key={key}>{t(key, { addFiles })}</li>
      ))}
    </ol>
  );
}

/**
 * "How to add a screenshot", for the person's own platform first: no button that may not work
 * (iPhone Safari cannot receive shares), just the steps, folded away until asked for.
 */
export function HowToAddScreenshot({ platform }: { platform?: Platform }) {
  const { t } = useTranslation(['capture', 'attachments']);
  const own = platform ?? detectPlatform(navigator.userAgent, navigator.maxTouchPoints);
  return (
    <details className="how-to-add-screenshot">
      <summary>{t('guide.title')}</summary>
      <p>
        <strong>{t(`guide.platform.${own}`)}</strong>
      </p>
      <Steps platform={own} />
      <details>
        <summary>{t('guide.otherDevices')}</summary>
        {PLATFORMS.filter((other) => other !== own).map((other) => (
          <section key={other}>
            <p>
              <strong>{t(`guide.platform.${other}`)}</strong>
            </p>
            <Steps platform={other} />
          </section>
        ))}
      </details>
    </details>
  );
}

export default HowToAddScreenshot;
