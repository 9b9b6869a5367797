import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseInput } from './PassphraseInput';
import { usePassphraseStrength } from './usePassphraseStrength';
import { assessPassphrase, preloadPassphraseEstimator } from '../../core/vault/passphraseStrength';
import { preloadKdf } from '../../core/crypto/index';

export type NewPassphraseProblem = 'empty' | 'too-short' | 'too-guessable' | 'mismatch' | 'checking';

export interface NewPassphraseState {
  passphrase: string;
  confirmation: string;
  setPassphrase: (value: string) => void;
  setConfirmation: (value: string) => void;
  score: number | null;
  /** The first reason it cannot be used yet, or null when it is good to go. */
  problem: NewPassphraseProblem | null;
  /** On submit: waits for the estimator if it is still loading, so a submit is never ignored. */
  check: () => Promise<Exclude<NewPassphraseProblem, 'checking'> | null>;
}

export function useNewPassphrase(): NewPassphraseState {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const strength = usePassphraseStrength(passphrase);
  let problem: NewPassphraseProblem | null;
  if (passphrase.length === 0) problem = 'empty';
  else if (!strength) problem = 'checking';
  else if (strength.problem) problem = strength.problem;
  else if (passphrase !== confirmation) problem = 'mismatch';
  else problem = null;
  const check = async () => {
    const assessed = await assessPassphrase(passphrase);
    if (assessed.problem) return assessed.problem;
    return passphrase === confirmation ? null : 'mismatch';
  };
  return { passphrase, confirmation, setPassphrase, setConfirmation, score: strength?.score ?? null, problem, check };
}

const SCORE_KEYS = ['veryWeak', 'weak', 'fair', 'strong', 'veryStrong'] as const;

/** New passphrase, its confirmation, and live strength feedback. */
export function NewPassphraseFields({ state, showErrors }: { state: NewPassphraseState; showErrors: boolean }) {
  const { t } = useTranslation('vault');
  // Start loading the estimator as soon as the fields are shown, before the first keystroke.
  useEffect(() => {
    preloadPassphraseEstimator();
    preloadKdf();
  }, []);
  const { passphrase, confirmation, score, problem } = state;
  const strengthProblem = problem === 'empty' || problem === 'too-short' || problem === 'too-guessable' ? problem : null;
  const scoreKey = score === null ? null : SCORE_KEYS[score];
  return (
    <>
      <PassphraseInput
        label={t('newPassphrase.label')}
        hint={t('newPassphrase.hint')}
        value={passphrase}
        onChange={state.setPassphrase}
        error={showErrors && strengthProblem ? t(`newPassphrase.problem.${strengthProblem}`) : null}
      />
      {passphrase.length > 0 && (
        <div className="strength" aria-live="polite">
          <meter min={0} max={4} low={2} high={3} optimum={4} value={score ?? 0} aria-label={t('newPassphrase.strengthLabel')} />
          <p className="hint">
            {scoreKey ? t(`newPassphrase.score.${scoreKey}`) : t('newPassphrase.checking')}
            {!showErrors && strengthProblem && strengthProblem !== 'empty' ? ` ${t(`newPassphrase.problem.${strengthProblem}`)}` : ''}
          </p>
        </div>
      )}
      <PassphraseInput
        label={t('newPassphrase.confirmLabel')}
        value={confirmation}
        onChange={state.setConfirmation}
        error={showErrors && problem === 'mismatch' ? t('newPassphrase.problem.mismatch') : null}
      />
    </>
  );
}
