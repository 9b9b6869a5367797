import { useEffect, useId, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STEP_COUNT } from '../../core/checklist/flow';
import type { ChecklistAnswers, ChecklistStep } from '../../core/checklist/questions';
import { Question } from './Question';

interface StepFormProps {
  step: ChecklistStep;
  index: number;
  answers: ChecklistAnswers;
  fromDiary: boolean;
  onAnswer: (answers: ChecklistAnswers) => void;
  onNext: () => void;
  onSkip: () => void;
  onBack: () => void;
}

/** One theme: where it is in the whole, its questions, and Back, Skip and Next. */
export function StepForm({ step, index, answers, fromDiary, onAnswer, onNext, onSkip, onBack }: StepFormProps) {
  const { t } = useTranslation('checklist');
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const last = index === STEP_COUNT - 1;

  // Each step is a new view: move focus to its title so screen readers start there.
  useEffect(() => heading.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onNext();
  };

  // Pre-filled answers are on the first two steps (what they did, how often).
  const prefilled = fromDiary && (step.id === 'behaviours' || step.id === 'pattern');

  return (
    <form className="checklist-step" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <div className="checklist-top">
        <button type="button" className="button" onClick={onBack}>
          {t('nav.back')}
        </button>
        <p id={`${headingId}-progress`} className="checklist-progress">
          {t('progress', { current: index + 1, total: STEP_COUNT })}
        </p>
      </div>
      <h2 id={headingId} ref={heading} tabIndex={-1} aria-describedby={`${headingId}-progress`}>
        {t(`steps.${step.id}.title`)}
      </h2>
      <p className="hint">{t(`steps.${step.id}.hint`)}</p>
      {prefilled && <p className="notice">{t('fromDiaryNote')}</p>}
      {step.questions.map((question) => (
        <Question key={question.field} question={question} answers={answers} onAnswer={onAnswer} />
      ))}
      <div className="button-row">
        <button type="submit" className="button primary">
          {last ? t('nav.finish') : t('nav.next')}
        </button>
        <button type="button" className="button" onClick={onSkip}>
          {t('nav.skip')}
        </button>
      </div>
    </form>
  );
}
