import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { attachmentsToDiscard, entryHistory } from '../../../core/diary/revisionHistory';
import type { DiaryEntry } from '../../../core/store/diaryRepository';
import { useAttachmentStore } from '../../../shared/incident/attachments/useAttachmentStore';
import { formatMoment } from '../../../shared/format/formatWhen';
import { useLocale } from '../../../shared/hooks/useLocale';
import { useAfterFirstPaint } from '../../../shared/hooks/afterPaint';
import { useDiary } from '../../../shared/diary/useDiary';
import { DeleteIncident } from './DeleteIncident';
import { IncidentFields } from '../../../shared/incident/IncidentFields';
import { RevisionHistory } from './RevisionHistory';
import { clockNotesByRevision, savedRevisionIn, type ClockNotice } from '../clock/clockNote';
import { ClockNoteMessage } from '../clock/ClockNoteMessage';
import './detail.css';

/** `/incidents/:id`: everything recorded about one incident, its history, edit and delete. */
export function IncidentDetailScreen() {
  const { t } = useTranslation('diary');
  const { id = '' } = useParams();
  const { state, snapshot } = useDiary();
  if (state === 'failed' || !snapshot) {
    return (
      <article className="screen">
        <h1>{t('detail.title')}</h1>
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      </article>
    );
  }
  const entry = snapshot.entries.find((candidate) => candidate.id === id);
  if (!entry) return <Missing deletedAt={snapshot.deleted.find((d) => d.id === id)?.at} />;
  // Keyed by the incident: another incident's page starts afresh (its history a frame later, no question left open).
  return <IncidentDetail key={entry.id} entry={entry} />;
}

function IncidentDetail({ entry }: { entry: DiaryEntry }) {
  const { t } = useTranslation('diary');
  const { history: historyOf, remove, snapshot } = useDiary();
  const attachments = useAttachmentStore();
  const navigate = useNavigate();
  const location = useLocation();
  const language = useLocale();
  // The fields paint first, the files by name only. Each file's facts and Show button, the history
  // of changes (every version compared with the one before) and the delete button render in a
  // task after that frame's paint.
  const belowFields = useAfterFirstPaint();
  // A new entry object comes with every snapshot, so the history is re-read after an edit.
  const records = useMemo(() => historyOf(entry.id), [historyOf, entry]);
  const history = useMemo(() => (belowFields ? entryHistory(records) : []), [belowFields, records]);
  // The previous record's time comes from the diary's own links.
  const links = snapshot?.links;
  // Arriving straight from a save: the version it wrote, told about once (see ClockNoteMessage).
  const [justSaved] = useState(() => savedRevisionIn(location.state));
  // Needed before the history only for a note just saved (ClockNoteMessage).
  const clockNotes = useMemo(
    () => (belowFields || justSaved !== null ? clockNotesByRevision(records, links ?? []) : new Map<number, ClockNotice>()),
    [belowFields, justSaved, records, links],
  );
  const { pathname, search, state: routerState } = location;
  useEffect(() => {
    // Back to this page later is not "just saved": the note stays in the history below.
    if (savedRevisionIn(routerState) !== null) void navigate({ pathname, search }, { replace: true, state: null });
  }, [navigate, pathname, search, routerState]);

  const deleteEntry = async () => {
    const others = (snapshot?.entries ?? []).filter((e) => e.id !== entry.id).map((e) => e.incident);
    const orders = (snapshot?.orders ?? []).map((o) => o.order);
    const files = attachmentsToDiscard(historyOf(entry.id), [...others, ...orders]);
    await remove(entry.id);
    // The files go after the tombstone is written, so a failed delete loses nothing. If this
    // step fails the entry is still deleted; its encrypted files stay unreadable orphans.
    await attachments.removeAll(files).catch(() => undefined);
    // Replace: Back must not lead to a page for something that no longer exists.
    await navigate('/', { replace: true });
  };

  return (
    <article className="screen incident-detail">
      <p className="back-link">
        <Link to="/">{t('detail.back')}</Link>
      </p>
      <h1>{t('detail.title')}</h1>
      <ClockNoteMessage note={justSaved === null ? null : clockNotes.get(justSaved)} />
      <div className="button-row">
        <Link to={`/incidents/${encodeURIComponent(entry.id)}/edit`} className="button primary">
          {t('detail.edit')}
        </Link>
      </div>
      <IncidentFields
        incident={entry.incident}
        orders={snapshot?.orders ?? []}
        orderLink={(orderId, label) => <Link to={`/orders/${encodeURIComponent(orderId)}`}>{label}</Link>}
        markPrivate
        filesInFull={belowFields}
      />
      <section aria-labelledby="incident-record" className="incident-record">
        <h2 id="incident-record">{t('detail.recordTitle')}</h2>
        <dl className="incident-fields">
          <div>
            <dt>{t('detail.firstWritten')}</dt>
            <dd>{formatMoment(entry.firstRecordedAt, language)}</dd>
          </div>
          {entry.revisions > 1 && (
            <div>
              <dt>{t('detail.lastChanged')}</dt>
              <dd>{formatMoment(entry.lastRecordedAt, language)}</dd>
            </div>
          )}
        </dl>
      </section>
      {belowFields && <RevisionHistory steps={history} clockNotes={clockNotes} />}
      {belowFields && <DeleteIncident onDelete={deleteEntry} />}
    </article>
  );
}

/** Unknown or deleted id: say which, and offer the way back. */
function Missing({ deletedAt }: { deletedAt: string | undefined }) {
  const { t } = useTranslation('diary');
  const language = useLocale();
  return (
    <article className="screen">
      <h1>{deletedAt ? t('detail.deletedTitle') : t('detail.notFoundTitle')}</h1>
      <p>{deletedAt ? t('detail.deletedOn', { moment: formatMoment(deletedAt, language) }) : t('detail.notFound')}</p>
      <p>
        <Link to="/">{t('detail.back')}</Link>
      </p>
    </article>
  );
}
