import { useTranslation } from 'react-i18next';
import { formatMoment } from '../../../shared/format/formatWhen';
import { useLocale } from '../../../shared/hooks/useLocale';
import { lastShareForPrompt } from './fingerprintPrompt';
import type { FingerprintShares } from './useFingerprintShares';

/**
 * A small, gentle note at most about once a month: there are records no shared fingerprint covers,
 * and nothing was shared for 30 days (or ever). "Not now" puts it off for 30 days.
 */
export function FingerprintInvite({ shares, onShow, onSnoozed }: { shares: FingerprintShares; onShow: () => void; onSnoozed: () => void }) {
  const { t } = useTranslation('diary');
  const language = useLocale();
  if (!shares.due) return null;
  const shared = shares.shared;
  // The share the invitation went by; else (only shares made with the clock far ahead) the last one.
  const last = shared ? (lastShareForPrompt(shared, new Date()) ?? shared.lastSharedAt) : null;
  return (
    <aside className="notice fingerprint-invite" aria-labelledby="fingerprint-invite-title">
      <h2 id="fingerprint-invite-title">{t('invite.title')}</h2>
      <p>{last === null ? t('invite.never') : t('invite.since', { moment: formatMoment(last, language) })}</p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={onShow}>
          {t('invite.show')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            // Hidden at once; if it could not be remembered, it comes back at the next unlock.
            void shares.snooze().catch(() => undefined);
            onSnoozed();
          }}
        >
          {t('invite.notNow')}
        </button>
      </div>
    </aside>
  );
}
