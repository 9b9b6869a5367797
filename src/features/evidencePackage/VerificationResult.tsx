import './verification.css';
import { useTranslation } from 'react-i18next';
import { exportVerified, type ExportVerification } from '../../core/export/verifyExport';

/** Says plainly whether the package's record of changes checks out, and what was checked. */
export function VerificationResult({ verification }: { verification: ExportVerification }) {
  const { t } = useTranslation('export');
  const ok = exportVerified(verification);
  const { chain } = verification;
  return (
    <section className={`notice ${ok ? 'verification-ok' : 'verification-failed'}`} aria-labelledby="verification-title">
      <h2 id="verification-title">{ok ? t('open.verified') : t('open.notVerified')}</h2>
      {chain.ok ? (
        <>
          <p>{t('open.chainOk', { count: chain.length })}</p>
          <p>
            {t('open.head')} <code className="hash">{chain.head}</code>
          </p>
        </>
      ) : (
        <p>{t('open.chainBroken', { position: chain.brokenAt + 1, reason: t(`open.reasons.${chain.reason}`) })}</p>
      )}
      <ul>
        {(verification.completeRevisions > 0 || verification.partialRevisions === 0) && (
          <li>{t('open.complete', { count: verification.completeRevisions })}</li>
        )}
        {verification.partialRevisions > 0 && <li>{t('open.partial', { count: verification.partialRevisions })}</li>}
        {verification.problems.length > 0 && <li>{t('open.problems', { count: verification.problems.length })}</li>}
      </ul>
      {!ok && <p>{t('open.notVerifiedAdvice')}</p>}
    </section>
  );
}
