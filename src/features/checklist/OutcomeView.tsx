import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useLocale } from '../../shared/hooks/useLocale';
import { assessChecklist } from '../../core/checklist/outcome';
import type { AnswersOrigin } from '../../core/checklist/flow';
import type { ChecklistAnswers } from '../../core/checklist/questions';
import type { SavedChecklistResult } from '../../core/checklist/result';
import { AnswersSummary } from './AnswersSummary';
import { formatSavedAt } from './labels';
import { OutcomeBlock } from './OutcomeBlock';
import type { ChecklistResults } from './useChecklistResults';

interface OutcomeViewProps {
  answers: ChecklistAnswers;
  origin: AnswersOrigin;
  /** Null while locked or with no vault: nothing can be saved then. */
  results: ChecklistResults | null;
  onSaved: (result: SavedChecklistResult) => void;
  onBack: () => void;
  onChange: () => void;
  onRestart: () => void;
}

/** The explanation blocks for these answers, and saving them when the diary is open. */
export function OutcomeView({ answers, origin, results, onSaved, onBack, onChange, onRestart }: OutcomeViewProps) {
  const { t } = useTranslation('checklist');
  const language = useLocale();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const { busy, error: failed, run } = useAsyncAction(() => true);
  const [justSaved, setJustSaved] = useState(false);
  const { blocks } = assessChecklist(answers);

  useEffect(() => heading.current?.focus(), []);
  // The Save button goes once saved: focus moves to the message saying so, not to the page.
  useEffect(() => {
    if (justSaved) status.current?.focus();
  }, [justSaved]);

  const save = async () => {
    if (!results) return;
    await run(async () => {
      onSaved(await results.save(answers));
      setJustSaved(true);
    });
  };

  return (
    <section className="checklist-outcome" aria-labelledby={headingId}>
      <div className="checklist-top">
        <button type="button" className="button" onClick={onBack}>
          {t('nav.back')}
        </button>
      </div>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('outcome.title')}
      </h2>
      <p className="lead">{t('outcome.lead')}</p>
      {blocks.map((id) => (
        <OutcomeBlock key={id} id={id} answers={answers} />
      ))}
      <AnswersSummary answers={answers} />
      <p className="hint">{t('notAdvice')}</p>
      {results && origin.kind !== 'saved' && (
        <div className="button-row">
          <button type="button" className="button primary" onClick={save} disabled={busy}>
            {t('actions.save')}
          </button>
        </div>
      )}
      {failed && (
        <p className="error" role="alert">
          {t('actions.saveFailed')}
        </p>
      )}
      <p ref={status} role="status" className="success" tabIndex={-1}>
        {origin.kind === 'saved' ? t('actions.savedOn', { date: formatSavedAt(origin.savedAt, language) }) : ''}
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onChange}>
          {t('actions.change')}
        </button>
        <button type="button" className="button" onClick={onRestart}>
          {t('actions.restart')}
        </button>
      </div>
    </section>
  );
}
