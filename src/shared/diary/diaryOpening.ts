import { createContext, useContext } from 'react';
import type { FirstPageRow } from '../../core/store/diaryRepository';

/**
 * The diary's first page while the rest of it loads (core/store/diary/firstPage.ts): how many
 * incidents it holds and the first rows of its timeline, shown at once after unlocking. Null
 * once the whole diary has loaded (then DiaryContext has it), while locked, or when there is no
 * page that can be shown.
 */
export interface DiaryOpening {
  incidents: number;
  rows: readonly FirstPageRow[];
}

export const DiaryOpeningContext = createContext<DiaryOpening | null>(null);

/** The first page while the diary loads, or null. */
export function useDiaryOpening(): DiaryOpening | null {
  return useContext(DiaryOpeningContext);
}
