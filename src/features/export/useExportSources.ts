import { useDiary } from '../../shared/diary/useDiary';

/** The unlocked diary and the stores an export reads from. */
export function useExportSources() {
  const diary = useDiary();
  return { diary, attachments: diary.stores.attachments, checklists: diary.stores.checklists };
}

export type ExportSources = ReturnType<typeof useExportSources>;
