import { useTranslation } from 'react-i18next';
import { CHECKLIST_STEPS, type ChecklistAnswers } from '../../core/checklist/questions';
import { optionLabel } from './labels';

/** Every answer, question by question, so the person can check what the outcome is based on. */
export function AnswersSummary({ answers }: { answers: ChecklistAnswers }) {
  const { t } = useTranslation('checklist');
  const questions = CHECKLIST_STEPS.flatMap((step) => step.questions);
  return (
    <details className="checklist-answers">
      <summary>{t('answers.title')}</summary>
      <dl>
        {questions.map((question) => {
          const value = answers[question.field];
          const chosen: readonly string[] = value === null ? [] : typeof value === 'string' ? [value] : value;
          return (
            <div key={question.field}>
              <dt>{t(`legends.${question.field}`)}</dt>
              <dd>
                {chosen.length === 0 ? t('answers.notAnswered') : chosen.map((option) => optionLabel(t, question.field, option)).join('; ')}
              </dd>
            </div>
          );
        })}
      </dl>
    </details>
  );
}
