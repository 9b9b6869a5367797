import { useEffect, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedInput } from '../../shared/hooks/unsavedInput';
import { isUnanswered } from '../../core/checklist/answers';
import { checklistFlow, INITIAL_FLOW, type FlowAction } from '../../core/checklist/flow';
import { answersFromDiary } from '../../core/checklist/fromDiary';
import { CHECKLIST_STEPS } from '../../core/checklist/questions';
import { useDiaryIfUnlocked } from '../../shared/diary/useDiary';
import { useVault } from '../../shared/vault/useVault';
import { localDate } from '../../core/model/calendarDate';
import { OutcomeView } from './OutcomeView';
import { SavedResults } from './SavedResults';
import { StartPanel } from './StartPanel';
import { StepForm } from './StepForm';
import { useChecklistResults } from './useChecklistResults';
import './checklist.css';

/**
 * "Stalking or harassment?": a few questions, one theme at a time, then what police and the law
 * look at and what could help. Works with no vault and while locked, when nothing is saved.
 */
export function ChecklistScreen() {
  const { t } = useTranslation('checklist');
  const { status, vault } = useVault();
  const diary = useDiaryIfUnlocked();
  const results = useChecklistResults();
  const [flow, dispatch] = useReducer(checklistFlow, INITIAL_FLOW);
  // Focus follows the person once they have moved; never on first arrival.
  const [moved, setMoved] = useState(false);
  // Bumped to show a saved result afresh, even while another is on screen.
  const [view, setView] = useState(0);
  const { stage, answers, origin } = flow;

  const act = (action: FlowAction) => {
    setMoved(true);
    dispatch(action);
  };

  // Answers may have come from the diary: locking (auto-lock too) clears them from the screen.
  useEffect(() => vault.session.onLock(() => dispatch({ type: 'restart' })), [vault]);

  // An app update must not reload the page over answers being given.
  useUnsavedInput(stage.kind !== 'start' && origin.kind !== 'saved' && !isUnanswered(answers));

  const step = stage.kind === 'step' ? CHECKLIST_STEPS[stage.index] : undefined;

  return (
    <article className="screen checklist">
      <h1>{t('title')}</h1>
      {stage.kind === 'start' && (
        <>
          <p className="lead">{t('intro')}</p>
          <p className="hint">{t('notAdvice')}</p>
        </>
      )}
      <div className="notice checklist-privacy">
        <p>{status === 'unlocked' ? t('privacy.canSave') : t('privacy.notSaved')}</p>
        {status === 'locked' && <p>{t('privacy.locked')}</p>}
      </div>

      {stage.kind === 'start' && (
        <StartPanel
          diary={diary}
          diaryLoading={status === 'unlocked' && !diary}
          focusOnMount={moved}
          onStart={() => act({ type: 'start' })}
          onStartFromDiary={() => {
            const entries = diary?.snapshot?.entries ?? [];
            act({
              type: 'start',
              fromDiary: true,
              answers: answersFromDiary(
                entries.map((e) => e.incident),
                localDate(new Date()),
              ),
            });
          }}
        />
      )}

      {stage.kind === 'step' && step && (
        <StepForm
          key={stage.index}
          step={step}
          index={stage.index}
          answers={answers}
          fromDiary={origin.kind === 'diary'}
          onAnswer={(next) => dispatch({ type: 'answer', answers: next })}
          onNext={() => act({ type: 'next' })}
          onSkip={() => act({ type: 'skip' })}
          onBack={() => act({ type: 'back' })}
        />
      )}

      {stage.kind === 'outcome' && (
        <OutcomeView
          key={view}
          answers={answers}
          origin={origin}
          results={results}
          onSaved={(saved) => dispatch({ type: 'saved', id: saved.id, savedAt: saved.savedAt })}
          onBack={() => act({ type: 'back' })}
          onChange={() => act({ type: 'change' })}
          onRestart={() => act({ type: 'restart' })}
        />
      )}

      {results && stage.kind !== 'step' && (
        <SavedResults
          results={results}
          onShow={(saved) => {
            setView((v) => v + 1);
            act({ type: 'show-saved', id: saved.id, savedAt: saved.savedAt, answers: saved.answers });
          }}
        />
      )}
    </article>
  );
}
