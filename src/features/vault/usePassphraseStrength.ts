import { useEffect, useState } from 'react';
import { assessPassphrase, preloadPassphraseEstimator, type PassphraseStrength } from '../../core/vault/passphraseStrength';

/** Live strength of a passphrase being typed; null while the estimator is still loading. */
export function usePassphraseStrength(passphrase: string): PassphraseStrength | null {
  const [strength, setStrength] = useState<{ for: string; result: PassphraseStrength } | null>(null);
  useEffect(preloadPassphraseEstimator, []);
  useEffect(() => {
    let current = true;
    void assessPassphrase(passphrase).then((result) => {
      if (current) setStrength({ for: passphrase, result });
    });
    return () => {
      current = false;
    };
  }, [passphrase]);
  return strength?.for === passphrase ? strength.result : null;
}
