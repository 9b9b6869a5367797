import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EMERGENCY_NUMBERS, GUIDANCE_SOURCES } from '../../content/helplines';
import { telHref } from '../../core/model/helpline';
import { EmergencyCall } from './EmergencyCall';
import { HelplineDirectory } from './HelplineDirectory';
import { HelpNav } from './HelpNav';
import { SourceNote } from './SourceNote';

/**
 * Help that works before set-up, while locked and offline: 999 first, then how to call 999
 * without speaking, other ways to reach 999, 101, and the helpline directory.
 */
export function HelpScreen() {
  const { t } = useTranslation('help');
  const { hash, key } = useLocation();

  // Links such as /help#helplines from the other help pages, and "Jump to the helplines", land
  // on that section; focus goes there too, so the next Tab carries on from it.
  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    const frame = requestAnimationFrame(() => {
      target.scrollIntoView();
      target.tabIndex = -1;
      target.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
    // The key: the same link followed again jumps again.
  }, [hash, key]);

  return (
    <article className="screen help">
      <h1>{t('title')}</h1>
      <EmergencyCall />
      <HelpNav withHelplinesLink />

      <section aria-labelledby="help-silent">
        <h2 id="help-silent">{t('silent.title')}</h2>
        <p>{t('silent.intro')}</p>
        <h3>{t('silent.mobile.title')}</h3>
        <ol className="help-steps">
          <li>{t('silent.mobile.step1')}</li>
          <li>{t('silent.mobile.step2')}</li>
          <li>{t('silent.mobile.step3')}</li>
          <li>
            <strong>{t('silent.mobile.step4')}</strong>
          </li>
          <li>{t('silent.mobile.step5')}</li>
          <li>{t('silent.mobile.step6')}</li>
        </ol>
        <div className="notice">
          <h4 className="help-notice-title">{t('silent.what55.title')}</h4>
          <ul>
            <li>{t('silent.what55.does')}</li>
            <li>{t('silent.what55.location')}</li>
            <li>{t('silent.what55.noHelp')}</li>
            <li>{t('silent.what55.mobileOnly')}</li>
          </ul>
        </div>
        <h3>{t('silent.landline.title')}</h3>
        <ol className="help-steps">
          <li>{t('silent.landline.step1')}</li>
          <li>{t('silent.landline.step2')}</li>
          <li>{t('silent.landline.step3')}</li>
          <li>{t('silent.landline.step4')}</li>
        </ol>
        <p className="notice">
          <strong>{t('silent.never101')}</strong>
        </p>
        <SourceNote source={GUIDANCE_SOURCES.silent999} />
      </section>

      <section aria-labelledby="help-other">
        <h2 id="help-other">{t('other.title')}</h2>

        <h3>{t('other.sms.title')}</h3>
        <p>{t('other.sms.intro')}</p>
        <h4>{t('other.sms.howTitle')}</h4>
        <ol className="help-steps">
          <li>{t('other.sms.step1')}</li>
          <li>{t('other.sms.step2')}</li>
          <li>{t('other.sms.step3')}</li>
        </ol>
        <p>{t('other.sms.notes')}</p>
        <SourceNote source={GUIDANCE_SOURCES.emergencySms} />

        <h3>{t('other.bsl.title')}</h3>
        <p>{t('other.bsl.body')}</p>
        <SourceNote source={GUIDANCE_SOURCES.bsl999} />

        <h3>{t('other.relay.title')}</h3>
        <p>{t('other.relay.intro')}</p>
        <ul className="helpline-contact">
          <li>
            <a className="button call-link" href={telHref(EMERGENCY_NUMBERS.relayEmergency)}>
              {t('other.relay.emergency')}
            </a>
          </li>
          <li>
            <a className="button call-link" href={telHref(EMERGENCY_NUMBERS.relayNonEmergency)}>
              {t('other.relay.nonEmergency')}
            </a>
          </li>
        </ul>
        <SourceNote source={GUIDANCE_SOURCES.emergencySms} />

        <h3>{t('other.ani.title')}</h3>
        <p>{t('other.ani.body')}</p>
        <p>{t('other.ani.what')}</p>
        <SourceNote source={GUIDANCE_SOURCES.askForAni} />
      </section>

      <section aria-labelledby="help-101">
        <h2 id="help-101">{t('nonEmergency.title')}</h2>
        <p>{t('nonEmergency.body')}</p>
        <p>
          <a className="button call-link" href={telHref(EMERGENCY_NUMBERS.policeNonEmergency)}>
            {t('nonEmergency.call')}
          </a>
        </p>
        <p>{t('nonEmergency.textphone')}</p>
        <SourceNote source={GUIDANCE_SOURCES.police101} />
      </section>

      <HelplineDirectory />
    </article>
  );
}
