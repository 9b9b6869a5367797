import { useEffect, useState } from 'react';
import { assessPassphrase, type PassphraseStrength } from '../../core/vault/passphraseStrength';

/**
 * Live strength of a passphrase being typed; null while unknown. Nothing is loaded for an
 * empty passphrase, so the large estimator stays off screens that merely hold this state.
 */
export function usePassphraseStrength(passphrase: string): PassphraseStrength | null {
  const [strength, setStrength] = useState<{ for: string; result: PassphraseStrength } | null>(null);
  useEffect(() => {
    if (passphrase.length === 0) return;
    let current = true;
    void assessPassphrase(passphrase).then((result) => {
      if (current) setStrength({ for: passphrase, result });
    });
    return () => {
      current = false;
    };
  }, [passphrase]);
  if (passphrase.length === 0) return { score: 0, problem: 'empty' };
  return strength?.for === passphrase ? strength.result : null;
}
