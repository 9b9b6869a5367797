import { createContext } from 'react';
import type { ChainVerification } from '../../core/evidence';
import type { Incident } from '../../core/model/incident';
import type { DiaryRepository, DiarySnapshot } from '../../core/store/diaryRepository';

export interface DiaryContextValue {
  state: 'loading' | 'ready' | 'failed';
  snapshot: DiarySnapshot | null;
  integrity: ChainVerification | null;
  repository: DiaryRepository;
  add: (incident: Incident) => Promise<string>;
  edit: (id: string, incident: Incident) => Promise<void>;
  remove: (id: string) => Promise<void>;
  /** Shows what the repository now holds, after something else wrote to it (a restore). */
  refresh: () => Promise<void>;
}

/** Null while locked. */
export const DiaryContext = createContext<DiaryContextValue | null>(null);
