import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { withChoice, withTicked } from '../../core/checklist/answers';
import { OPTIONS, type ChecklistAnswers, type ChecklistQuestion } from '../../core/checklist/questions';
import { Choice, Choices } from '../../shared/ui/Choice';
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
  const options: readonly string[] = OPTIONS[question.field];
  const label = (option: string) => <span>{optionLabel(t, question.field, option)}</span>;

  let choices: ReactNode;
  if (question.kind === 'multi') {
    const { field } = question;
    const ticked: readonly string[] = answers[field];
    choices = (
      <Choices
        type="checkbox"
        name={name}
        options={options}
        isChecked={(option) => ticked.includes(option)}
        onChange={(option, on) => onAnswer(withTicked(answers, field, option, on))}
        label={label}
      />
    );
  } else {
    const { field } = question;
    const chosen = answers[field];
    choices = (
      <>
        <Choices
          type="radio"
          name={name}
          options={options}
          isChecked={(option) => chosen === option}
          onChange={(option) => onAnswer(withChoice(answers, field, option))}
          label={label}
        />
        <Choice type="radio" name={name} value="" checked={chosen === null} onChange={() => onAnswer(withChoice(answers, field, null))}>
          <span>{t('notSure')}</span>
        </Choice>
      </>
    );
  }

  return (
    <fieldset className="checklist-question">
      <legend>{t(`legends.${question.field}`)}</legend>
      {choices}
    </fieldset>
  );
}
