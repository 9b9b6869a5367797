/**
 * Passphrase strength through zxcvbn-ts. The estimator and its dictionaries are large, so they
 * are imported on first use only (the passphrase screens), never at start-up.
 */
export type PassphraseProblem = 'empty' | 'too-short' | 'too-guessable';

export interface PassphraseStrength {
  /** 0 (very weak) to 4 (very strong), as zxcvbn scores it. */
  score: 0 | 1 | 2 | 3 | 4;
  /** Why it is refused, or null when it is strong enough. */
  problem: PassphraseProblem | null;
}

export const MIN_PASSPHRASE_LENGTH = 10;
export const MIN_SCORE = 3;

type Check = (passphrase: string, userInputs: string[]) => { score: number };

let estimator: Promise<Check> | null = null;

function loadEstimator(): Promise<Check> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([{ ZxcvbnFactory }, common, en]) => {
      const factory = new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
      });
      return (passphrase, userInputs) => factory.check(passphrase, userInputs);
    },
  );
  return estimator;
}

/** Starts loading the estimator early (when a passphrase screen opens). */
export function preloadPassphraseEstimator(): void {
  void loadEstimator();
}

export async function assessPassphrase(passphrase: string): Promise<PassphraseStrength> {
  if (passphrase.length === 0) return { score: 0, problem: 'empty' };
  const { score } = (await loadEstimator())(passphrase, ['daybook', 'diary', 'stalking', 'harassment']);
  const clamped = Math.max(0, Math.min(4, Math.round(score))) as PassphraseStrength['score'];
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return { score: clamped, problem: 'too-short' };
  if (clamped < MIN_SCORE) return { score: clamped, problem: 'too-guessable' };
  return { score: clamped, problem: null };
}
