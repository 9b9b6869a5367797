import { useTranslation } from 'react-i18next';
import { quickExit } from './quickExit';
import { useShiftTripleExit } from './useShiftTripleExit';

/** The always-visible quick exit control; also arms the Shift-three-times shortcut. */
export function QuickExitButton() {
  const { t } = useTranslation();
  useShiftTripleExit();
  return (
    <button type="button" className="quick-exit" onClick={quickExit} aria-describedby="quick-exit-hint">
      {t('quickExit.button')}
      <span id="quick-exit-hint" className="visually-hidden">
        {t('quickExit.shortcutHint')}
      </span>
    </button>
  );
}
