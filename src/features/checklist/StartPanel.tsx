import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiaryContextValue } from '../../shared/diary/diaryContext';

interface StartPanelProps {
  /** The unlocked diary, or null while locked or with no vault. */
  diary: DiaryContextValue | null;
  /** Unlocked, and the diary is still being read. */
  diaryLoading: boolean;
  /** True when the person came back here (Back, Start again), so focus follows them. */
  focusOnMount: boolean;
  onStart: () => void;
  onStartFromDiary: () => void;
}

/** The way in: a blank start, or, with the diary open, a start from what it already holds. */
export function StartPanel({ diary, diaryLoading, focusOnMount, onStart, onStartFromDiary }: StartPanelProps) {
  const { t } = useTranslation('checklist');
  const first = useRef<HTMLButtonElement>(null);
  const entries = diary?.state === 'ready' ? (diary.snapshot?.entries ?? []) : null;

  useEffect(() => {
    if (focusOnMount) first.current?.focus();
  }, [focusOnMount]);

  return (
    <div className="checklist-start">
      <div className="button-row">
        <button ref={first} type="button" className="button primary" onClick={onStart}>
          {t('start.begin')}
        </button>
        {entries && entries.length > 0 && (
          <button type="button" className="button" onClick={onStartFromDiary}>
            {t('start.fromDiary')}
          </button>
        )}
      </div>
      {diaryLoading && <p className="hint">{t('start.diaryLoading')}</p>}
      {entries && entries.length > 0 && <p className="hint">{t('start.fromDiaryHint', { count: entries.length })}</p>}
      {entries && entries.length === 0 && <p className="hint">{t('start.diaryEmpty')}</p>}
    </div>
  );
}
