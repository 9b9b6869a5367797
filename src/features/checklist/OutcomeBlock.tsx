import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EMERGENCY_NUMBERS, HELPLINES } from '../../content/helplines';
import type { ChecklistAnswers, MultiField } from '../../core/checklist/questions';
import type { OutcomeId } from '../../core/checklist/outcome';
import { telHref } from '../../core/model/helpline';
import { optionLabel, type ChecklistT } from './labels';

// The number comes from the helpline directory, so it is written in one place only.
const STALKING_HELPLINE = HELPLINES.find((entry) => entry.id === 'national-stalking-helpline')?.phones[0]?.display ?? '';

function Block({ id, className = '', children }: { id: OutcomeId; className?: string; children: ReactNode }) {
  const { t } = useTranslation('checklist');
  const headingId = useId();
  return (
    <section className={`checklist-block ${className}`} aria-labelledby={headingId} data-outcome={id}>
      <h3 id={headingId}>{t(`outcome.${id}.title`)}</h3>
      {children}
    </section>
  );
}

function Source({ cite }: { cite: string }) {
  const { t } = useTranslation('checklist');
  return <p className="checklist-source">{t('outcome.source', { cite })}</p>;
}

/** "You ticked:" and the options ticked for one question, so the person sees their pattern. */
function Ticked({ t, field, answers }: { t: ChecklistT; field: MultiField; answers: ChecklistAnswers }) {
  const ticked: readonly string[] = answers[field];
  if (ticked.length === 0) return null;
  return (
    <>
      <p>{t('outcome.youTicked')}</p>
      <ul>
        {ticked.map((option) => (
          <li key={option}>{optionLabel(t, field, option)}</li>
        ))}
      </ul>
    </>
  );
}

function CallHelpline({ label }: { label: string }) {
  return (
    <p>
      <a className="button call-link" href={telHref(STALKING_HELPLINE)}>
        {label}
      </a>
    </p>
  );
}

/** One explanation of the outcome. Information only: never a verdict, never legal advice. */
export function OutcomeBlock({ id, answers }: { id: OutcomeId; answers: ChecklistAnswers }) {
  const { t } = useTranslation('checklist');
  switch (id) {
    case 'risk-signs':
      return (
        <Block id={id} className="checklist-risk">
          <p>{t('outcome.risk-signs.body')}</p>
          <p className="checklist-danger">{t('outcome.risk-signs.danger')}</p>
          <p>
            <a className="call-999" href={telHref(EMERGENCY_NUMBERS.emergency)}>
              {t('outcome.risk-signs.call999')}
            </a>
          </p>
          <p>{t('outcome.risk-signs.helpline')}</p>
          <CallHelpline label={t('outcome.risk-signs.callHelpline', { number: STALKING_HELPLINE })} />
          <p className="hint">{t('outcome.risk-signs.hours')}</p>
          <p>{t('outcome.risk-signs.assessment')}</p>
          {answers.risks.length > 0 && <p>{t('outcome.risk-signs.signs')}</p>}
          <Ticked t={t} field="risks" answers={answers} />
          <Source cite={t('outcome.risk-signs.cite')} />
        </Block>
      );
    case 'no-answers':
      return (
        <Block id={id}>
          <p>{t('outcome.no-answers.body')}</p>
        </Block>
      );
    case 'single-occasion':
      return (
        <Block id={id}>
          <p>{t('outcome.single-occasion.body')}</p>
          <p>{t('outcome.single-occasion.diary')}</p>
          <Source cite={t('outcome.single-occasion.cite')} />
        </Block>
      );
    case 'course-of-conduct':
      return (
        <Block id={id}>
          <p>{answers.occasions === 'many' ? t('outcome.course-of-conduct.many') : t('outcome.course-of-conduct.twoOrThree')}</p>
          <p>{t('outcome.course-of-conduct.body')}</p>
          <p>{t('outcome.course-of-conduct.nations')}</p>
          <Source cite={t('outcome.course-of-conduct.cite')} />
        </Block>
      );
    case 'fixation-signs':
      return (
        <Block id={id}>
          <p>{t('outcome.fixation-signs.body')}</p>
          <Ticked t={t} field="fixation" answers={answers} />
          <p>{t('outcome.fixation-signs.definition')}</p>
          <Source cite={t('outcome.fixation-signs.cite')} />
        </Block>
      );
    case 'effects':
      return (
        <Block id={id}>
          <Ticked t={t} field="effects" answers={answers} />
          <p>{t('outcome.effects.body')}</p>
          <p>{t('outcome.effects.diary')}</p>
          <Source cite={t('outcome.effects.cite')} />
        </Block>
      );
    case 'police-decide':
      return (
        <Block id={id}>
          <p>{t('outcome.police-decide.harassment')}</p>
          <p>{t('outcome.police-decide.body')}</p>
          <Source cite={t('outcome.police-decide.cite')} />
        </Block>
      );
    case 'next-steps':
      return (
        <Block id={id}>
          <p>{t('outcome.next-steps.danger')}</p>
          <p>{t('outcome.next-steps.helpline', { number: STALKING_HELPLINE })}</p>
          <CallHelpline label={t('outcome.next-steps.callHelpline')} />
          <p>{t('outcome.next-steps.diary')}</p>
          <ul className="link-list">
            <li>
              <Link to="/help">{t('outcome.next-steps.helpLink')}</Link>
            </li>
            <li>
              <Link to="/help/what-can-i-do">{t('outcome.next-steps.whatCanIDoLink')}</Link>
            </li>
            <li>
              <Link to="/">{t('outcome.next-steps.diaryLink')}</Link>
            </li>
          </ul>
        </Block>
      );
  }
}
