import { useMemo } from 'react';
import { appAttachments, appChecklistResults } from '../../core/vault/featureStores';
import { useDiary } from '../../shared/diary/useDiary';

/** The unlocked diary and the stores an export reads from. */
export function useExportSources() {
  const diary = useDiary();
  const stores = useMemo(() => ({ attachments: appAttachments(), checklists: appChecklistResults() }), []);
  return { diary, ...stores };
}

export type ExportSources = ReturnType<typeof useExportSources>;
