import { useTranslation } from 'react-i18next';
import { quickExit } from './quickExit';

/** The always-visible quick exit control. (Shift three times is armed at start-up: main.tsx.) */
export function QuickExitButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="quick-exit" onClick={quickExit} aria-describedby="quick-exit-hint">
      {t('quickExit.button')}
      <span id="quick-exit-hint" className="visually-hidden">
        {t('quickExit.shortcutHint')}
      </span>
    </button>
  );
}
