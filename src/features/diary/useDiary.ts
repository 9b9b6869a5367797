import { useContext } from 'react';
import { DiaryContext, type DiaryContextValue } from './DiaryProvider';

export function useDiary(): DiaryContextValue {
  const context = useContext(DiaryContext);
  if (!context) throw new Error('useDiary needs a DiaryProvider');
  return context;
}
