// What a reader set aside, in words: one wording for the restore screen and the package screen.
// Pure: the caller brings its own translation function and moment format (see describeWhen.ts).

import type { SetAsideRecord } from './setAside';

/** The i18next namespace that holds the wording; load it before calling describeSetAside. */
export const SET_ASIDE_NAMESPACE = 'export';

type What = 'revision' | 'revisionExcerpt' | 'checklist' | 'checklistSaved' | 'file' | 'fileNamed';

/** A key of the wording, namespace included, so any i18next `t` that has the namespace loaded finds it. */
export type SetAsideKey = `export:setAside.what.${What}` | `export:setAside.rules.${SetAsideRecord['rule']}` | 'export:setAside.item';

/** The part of i18next's `t` that describeSetAside uses. */
export type SetAsideTranslate = (key: SetAsideKey, values?: Readonly<Record<string, string>>) => string;

function what(record: SetAsideRecord, t: SetAsideTranslate, formatMoment: (iso: string) => string): string {
  switch (record.record) {
    case 'revision': {
      const moment = formatMoment(record.recordedAt);
      return record.excerpt === undefined
        ? t('export:setAside.what.revision', { moment })
        : t('export:setAside.what.revisionExcerpt', { moment, excerpt: record.excerpt });
    }
    case 'checklist':
      return record.savedAt === undefined
        ? t('export:setAside.what.checklist')
        : t('export:setAside.what.checklistSaved', { moment: formatMoment(record.savedAt) });
    case 'file':
      return record.name ? t('export:setAside.what.fileNamed', { name: record.name }) : t('export:setAside.what.file');
  }
}

/** "A version of an incident written down 3 Jan 2026, 21:40: some of its text is longer than Daybook can keep…" */
export function describeSetAside(record: SetAsideRecord, t: SetAsideTranslate, formatMoment: (iso: string) => string): string {
  return t('export:setAside.item', { what: what(record, t, formatMoment), why: t(`export:setAside.rules.${record.rule}`) });
}
