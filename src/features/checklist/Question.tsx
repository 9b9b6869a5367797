import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { withChoice, withTicked } from '../../core/checklist/answers';
import { OPTIONS, type ChecklistAnswers, type ChecklistQuestion } from '../../core/checklist/questions';
import { optionLabel } from './labels';

interface QuestionProps {
  question: ChecklistQuestion;
  answers: ChecklistAnswers;
  onAnswer: (answers: ChecklistAnswers) => void;
}

/** One question: tick any number of options, or pick one (with "Not sure" to leave it open). */
export function Question({ question, answers, onAnswer }: QuestionProps) {
  const { t } = useTranslation('checklist');
  const name = useId();
  const legend = t(`legends.${question.field}`);

  if (question.kind === 'multi') {
    const ticked: readonly string[] = answers[question.field];
    return (
      <fieldset className="checklist-question">
        <legend>{legend}</legend>
        {OPTIONS[question.field].map((option) => (
          <label key={option} className="choice">
            <input
              type="checkbox"
              name={name}
              value={option}
              checked={ticked.includes(option)}
              onChange={(event) => onAnswer(withTicked(answers, question.field, option, event.target.checked))}
            />
            <span>{optionLabel(t, question.field, option)}</span>
          </label>
        ))}
      </fieldset>
    );
  }

  const chosen = answers[question.field];
  return (
    <fieldset className="checklist-question">
      <legend>{legend}</legend>
      {OPTIONS[question.field].map((option) => (
        <label key={option} className="choice">
          <input
            type="radio"
            name={name}
            value={option}
            checked={chosen === option}
            onChange={() => onAnswer(withChoice(answers, question.field, option))}
          />
          <span>{optionLabel(t, question.field, option)}</span>
        </label>
      ))}
      <label className="choice">
        <input
          type="radio"
          name={name}
          value=""
          checked={chosen === null}
          onChange={() => onAnswer(withChoice(answers, question.field, null))}
        />
        <span>{t('notSure')}</span>
      </label>
    </fieldset>
  );
}
