import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EMERGENCY_NUMBERS, GUIDANCE_SOURCES, HELPLINES } from '../../content/helplines';
import { telHref } from '../../core/model/helpline';
import { HelplineCard } from './HelplineCard';
import { HelpNav } from './HelpNav';
import { SourceNote } from './SourceNote';
import { useNow } from './useNow';

const stalkingHelpline = HELPLINES.find((entry) => entry.id === 'national-stalking-helpline');

/** Reporting, advice, a diary and evidence: information, never legal advice. */
export function WhatCanIDoScreen() {
  const { t } = useTranslation('help');
  const now = useNow();
  return (
    <article className="screen help">
      <h1>{t('whatCanIDo.title')}</h1>
      <HelpNav />
      <p className="lead">{t('whatCanIDo.lead')}</p>
      <p className="hint">{t('whatCanIDo.notAdvice')}</p>

      <section aria-labelledby="do-report">
        <h2 id="do-report">{t('whatCanIDo.report.title')}</h2>
        <p>{t('whatCanIDo.report.emergency')}</p>
        <p>
          <a className="call-999" href={telHref(EMERGENCY_NUMBERS.emergency)}>
            {t('whatCanIDo.report.call999')}
          </a>
        </p>
        <p>{t('whatCanIDo.report.nonEmergency')}</p>
        <p>
          <a className="button call-link" href={telHref(EMERGENCY_NUMBERS.policeNonEmergency)}>
            {t('whatCanIDo.report.call101')}
          </a>
        </p>
        <p>{t('whatCanIDo.report.online')}</p>
        <SourceNote source={GUIDANCE_SOURCES.reporting} />
      </section>

      <section aria-labelledby="do-advice">
        <h2 id="do-advice">{t('whatCanIDo.advice.title')}</h2>
        <p>{t('whatCanIDo.advice.body')}</p>
        {stalkingHelpline && (
          <ul className="helpline-list">
            <HelplineCard entry={stalkingHelpline} now={now} />
          </ul>
        )}
        <p>
          <Link to="/help#helplines">{t('whatCanIDo.advice.more')}</Link>
        </p>
        <h3>{t('whatCanIDo.advice.paladinTitle')}</h3>
        <ol>
          <li>{t('whatCanIDo.advice.paladin1')}</li>
          <li>{t('whatCanIDo.advice.paladin2')}</li>
          <li>{t('whatCanIDo.advice.paladin3')}</li>
          <li>{t('whatCanIDo.advice.paladin4')}</li>
          <li>{t('whatCanIDo.advice.paladin5')}</li>
          <li>{t('whatCanIDo.advice.paladin6')}</li>
        </ol>
        <SourceNote source={GUIDANCE_SOURCES.paladin} />
      </section>

      <section aria-labelledby="do-diary">
        <h2 id="do-diary">{t('whatCanIDo.diary.title')}</h2>
        <p>{t('whatCanIDo.diary.intro')}</p>
        <ul>
          <li>{t('whatCanIDo.diary.when')}</li>
          <li>{t('whatCanIDo.diary.what')}</li>
          <li>{t('whatCanIDo.diary.descriptions')}</li>
          <li>{t('whatCanIDo.diary.contact')}</li>
          <li>{t('whatCanIDo.diary.witnesses')}</li>
          <li>{t('whatCanIDo.diary.effect')}</li>
          <li>{t('whatCanIDo.diary.police')}</li>
        </ul>
        <p>
          <Link to="/">{t('whatCanIDo.diary.open')}</Link>
        </p>
        <SourceNote source={GUIDANCE_SOURCES.diary} />
      </section>

      <section aria-labelledby="do-evidence">
        <h2 id="do-evidence">{t('whatCanIDo.evidence.title')}</h2>
        <ul>
          <li>{t('whatCanIDo.evidence.everything')}</li>
          <li>{t('whatCanIDo.evidence.block')}</li>
          <li>{t('whatCanIDo.evidence.screenshots')}</li>
          <li>{t('whatCanIDo.evidence.originals')}</li>
        </ul>
        <SourceNote source={GUIDANCE_SOURCES.evidence} />
      </section>
    </article>
  );
}
