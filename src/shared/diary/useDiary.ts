import { useContext } from 'react';
import { DiaryContext, type DiaryContextValue } from './diaryContext';

/** The unlocked diary. Only for screens behind the lock guard. */
export function useDiary(): DiaryContextValue {
  const context = useContext(DiaryContext);
  if (!context) throw new Error('useDiary is only available while the diary is unlocked');
  return context;
}

/** The diary when unlocked, or null: for screens that also work locked (help, checklist). */
export function useDiaryIfUnlocked(): DiaryContextValue | null {
  return useContext(DiaryContext);
}
