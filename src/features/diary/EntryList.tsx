import { useTranslation } from 'react-i18next';
import type { DiaryEntry } from '../../core/store/diaryRepository';
import { formatCalendarDate, formatMoment, formatMonth, incidentDate } from './formatWhen';

interface MonthGroup {
  month: string; // 'YYYY-MM'
  entries: DiaryEntry[];
}

/** Groups entries by the month they happened in, newest first. */
function byMonth(entries: readonly DiaryEntry[]): MonthGroup[] {
  const sorted = [...entries].sort((a, b) => {
    const da = incidentDate(a.incident.when, a.firstRecordedAt) + (a.incident.when.kind === 'exact' ? (a.incident.when.time ?? '') : '');
    const db = incidentDate(b.incident.when, b.firstRecordedAt) + (b.incident.when.kind === 'exact' ? (b.incident.when.time ?? '') : '');
    return da === db ? (a.firstRecordedAt < b.firstRecordedAt ? 1 : -1) : da < db ? 1 : -1;
  });
  const groups: MonthGroup[] = [];
  for (const entry of sorted) {
    const month = incidentDate(entry.incident.when, entry.firstRecordedAt).slice(0, 7);
    const last = groups.at(-1);
    if (last?.month === month) last.entries.push(entry);
    else groups.push({ month, entries: [entry] });
  }
  return groups;
}

function WhenItHappened({ entry }: { entry: DiaryEntry }) {
  const { t, i18n } = useTranslation('diary');
  const { when } = entry.incident;
  const language = i18n.resolvedLanguage ?? 'en-GB';
  if (when.kind === 'exact') {
    const date = formatCalendarDate(when.date, language);
    return <>{when.time ? t('when.exactWithTime', { date, time: when.time }) : date}</>;
  }
  if (when.kind === 'approximate') return <>{t('when.approximate', { description: when.description })}</>;
  return <>{when.since ? t('when.ongoingSince', { date: formatCalendarDate(when.since, language) }) : t('when.ongoing')}</>;
}

/** The timeline: newest first, grouped by month with a count for each. */
export function EntryList({ entries }: { entries: readonly DiaryEntry[] }) {
  const { t, i18n } = useTranslation('diary');
  const language = i18n.resolvedLanguage ?? 'en-GB';
  if (entries.length === 0) return <p>{t('list.empty')}</p>;
  return (
    <div className="timeline">
      {byMonth(entries).map((group) => (
        <section key={group.month} aria-labelledby={`month-${group.month}`}>
          <h3 id={`month-${group.month}`}>
            {formatMonth(`${group.month}-01`, language)}{' '}
            <span className="count">{t('list.count', { count: group.entries.length })}</span>
          </h3>
          <ol className="entries">
            {group.entries.map((entry) => (
              <li key={entry.id} className="entry">
                <p className="entry-when">
                  <WhenItHappened entry={entry} />
                </p>
                <p className="entry-text">{entry.incident.whatHappened}</p>
                <p className="hint">
                  {t('list.written', { moment: formatMoment(entry.firstRecordedAt, language) })}
                  {entry.revisions > 1 ? ` ${t('list.edited', { count: entry.revisions - 1 })}` : ''}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
