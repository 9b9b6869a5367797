import { useCallback, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { subscribeCapturing } from '../../core/capture/activity';
import { excerpt } from '../../core/model/excerpt';
import { isInterrupted, type OpenedInboxItem } from '../../core/inbox/inbox';
import { incidentFrom, incidentWith, isNote, takeFromInbox, type InboxContribution } from '../../core/inbox/intoIncident';
import type { InboxItemMeta } from '../../core/inbox/seal';
import type { DiaryEntry } from '../../core/store/diaryRepository';
import { useDiary } from '../../shared/diary/useDiary';
import { formatMoment } from '../../shared/format/formatWhen';
import { useDescribeWhen } from '../../shared/format/useDescribeWhen';
import { useFormatSize } from '../../shared/format/useFormatSize';
import { useAsyncAction } from '../../shared/hooks/useAsyncAction';
import { useLocale } from '../../shared/hooks/useLocale';

/** Incidents offered to add an item to: the most recently written. */
const OFFERED_INCIDENTS = 20;
/** A note's text is shown in the list up to this size. */
const NOTE_PREVIEW_BYTES = 10_000;

type Done = { kind: 'made' | 'added'; entryId: string } | { kind: 'removed' };

/** A recording's length: "01:23", or "1:02:03" past an hour. */
function formatLength(ms: number): string {
  const total = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** What kind of item it is, in words. */
function kindKey(meta: InboxItemMeta) {
  if (isNote(meta)) return 'newItems.note' as const;
  if (meta.via === 'camera') return 'newItems.photo' as const;
  if (meta.via === 'recording')
    return meta.type.startsWith('video/') ? ('newItems.videoRecording' as const) : ('newItems.recording' as const);
  return 'newItems.file' as const;
}

/**
 * "New items": what was shared into Daybook or noted on the lock screen, sealed while locked.
 * Each becomes a new incident or joins one in two taps, then leaves the inbox. Shown on the
 * diary only when there is something (the app composes it in).
 */
export function NewItems() {
  const { t } = useTranslation('inbox');
  const { stores } = useDiary();
  const [items, setItems] = useState<OpenedInboxItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [failed, setFailed] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const titleId = useId();

  // Bumped to read the inbox again: after an item is dealt with, or when the page is shown again.
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let current = true;
    Promise.all([stores.inbox.list(), stores.inbox.count()]).then(
      ([listed, count]) => {
        if (!current) return;
        setItems(listed);
        setTotal(count);
        setFailed(false);
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [stores.inbox, generation]);

  // A recording in this tab that starts or ends changes what is listed (being recorded, or ready).
  useEffect(() => {
    const stop = subscribeCapturing(reload);
    return () => {
      stop();
    };
  }, [reload]);

  useEffect(() => {
    // A share may arrive while the diary is open (the service worker writes it).
    const onVisible = () => document.visibilityState === 'visible' && reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const finished = (outcome: Done) => {
    setDone(outcome);
    reload();
  };

  if (failed)
    return (
      <p className="error" role="alert">
        {t('newItems.loadFailed')}
      </p>
    );
  if (!items || (items.length === 0 && !done)) return null;
  return (
    <section className="new-items" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('newItems.title')}</h2>
      <p role="status">
        {done?.kind === 'removed' && t('newItems.removed')}
        {done && done.kind !== 'removed' && (
          <>
            {t(done.kind === 'made' ? 'newItems.made' : 'newItems.added')}{' '}
            <Link to={`/incidents/${encodeURIComponent(done.entryId)}`}>{t('newItems.open')}</Link>
          </>
        )}
      </p>
      {items.length > 0 && (
        <>
          <p className="hint">{t('newItems.intro')}</p>
          <ul className="new-items-list">
            {items.map((item) => (
              <NewItem key={item.id} item={item} onDone={finished} />
            ))}
          </ul>
          {total > items.length && <p className="hint">{t('newItems.more', { count: total - items.length })}</p>}
        </>
      )}
    </section>
  );
}

function NewItem({ item, onDone }: { item: OpenedInboxItem; onDone: (outcome: Done) => void }) {
  const { t } = useTranslation('inbox');
  const { stores, add, edit, history, snapshot } = useDiary();
  const language = useLocale();
  const { busy, error, run } = useAsyncAction((caught) =>
    (caught as { code?: unknown } | null)?.code === 'inbox/too-large' ? t('newItems.tooLong') : t('newItems.failed'),
  );
  const [choosing, setChoosing] = useState(false);
  const nameId = useId();

  const remove = () =>
    run(async () => {
      await stores.inbox.remove(item.id);
      onDone({ kind: 'removed' });
    });

  if (item.status === 'damaged') {
    return (
      <li className="new-item">
        <p id={nameId}>{t('newItems.damaged')}</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <p className="button-row">
          <button type="button" className="button" disabled={busy} aria-describedby={nameId} onClick={() => void remove()}>
            {t('newItems.remove')}
          </button>
        </p>
      </li>
    );
  }

  /** Takes the item, applies `apply` (which saves the incident), then removes it from the inbox. */
  const take = (apply: (contribution: InboxContribution) => Promise<Done>) =>
    run(async () => {
      const contribution = await takeFromInbox(stores.inbox, stores.attachments, item.id);
      let outcome: Done;
      try {
        outcome = await apply(contribution);
      } catch (failure) {
        // Not saved: the file stored for it goes again; the item stays in the inbox.
        if (contribution.kind === 'file') await stores.attachments.remove(contribution.ref.id).catch(() => undefined);
        throw failure;
      }
      await stores.inbox.remove(item.id);
      onDone(outcome);
    });

  const makeNew = () => take(async (contribution) => ({ kind: 'made', entryId: await add(incidentFrom(contribution)) }));
  const addTo = (entry: DiaryEntry) =>
    take(async (contribution) => {
      const basedOn = history(entry.id).at(-1)?.link.revision;
      // A note joining an incident keeps, in its words, when it was received and how: plain text
      // shared in from another app is not a quick note written in Daybook.
      const headingKey = item.meta.via === 'share' ? 'newItems.sharedTextHeading' : 'newItems.noteHeading';
      const heading = contribution.kind === 'note' ? t(headingKey, { moment: formatMoment(contribution.receivedAt, language) }) : undefined;
      await edit(entry.id, incidentWith(entry.incident, contribution, heading), basedOn);
      return { kind: 'added', entryId: entry.id };
    });

  const entries = snapshot?.entries.slice(0, OFFERED_INCIDENTS) ?? [];
  if (item.live) {
    // Still being recorded (here or in another tab): it can be dealt with once stopped.
    return (
      <li className="new-item">
        <ItemFacts meta={item.meta} nameId={nameId} />
        <p>{t('newItems.recordingNow')}</p>
      </li>
    );
  }
  return (
    <li className="new-item">
      <ItemFacts meta={item.meta} nameId={nameId} />
      {isInterrupted(item) && <p className="hint">{t('newItems.interrupted')}</p>}
      {isNote(item.meta) && item.meta.size <= NOTE_PREVIEW_BYTES && <NoteText id={item.id} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="button-row">
        <button type="button" className="button primary" disabled={busy} aria-describedby={nameId} onClick={() => void makeNew()}>
          {t('newItems.newIncident')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-expanded={choosing}
          aria-describedby={nameId}
          onClick={() => setChoosing(!choosing)}
        >
          {t('newItems.addToIncident')}
        </button>
      </p>
      {choosing && (
        <IncidentChoice entries={entries} busy={busy} onChoose={(entry) => void addTo(entry)} onCancel={() => setChoosing(false)} />
      )}
    </li>
  );
}

function ItemFacts({ meta, nameId }: { meta: InboxItemMeta; nameId: string }) {
  const { t } = useTranslation('inbox');
  const { size } = useFormatSize();
  const language = useLocale();
  const note = isNote(meta);
  return (
    <dl className="attachment-facts" id={nameId}>
      <div>
        <dt>{t(meta.via === 'recording' ? 'newItems.started' : 'newItems.received')}</dt>
        <dd>{t('newItems.clock', { moment: formatMoment(meta.receivedAt, language) })}</dd>
      </div>
      <div>
        <dt>{t('newItems.kind')}</dt>
        <dd>{note ? t('newItems.note') : `${t(kindKey(meta))}${meta.type ? ` (${meta.type})` : ''}`}</dd>
      </div>
      {meta.durationMs !== undefined && (
        <div>
          <dt>{t('newItems.length')}</dt>
          <dd>{formatLength(meta.durationMs)}</dd>
        </div>
      )}
      {!note && (
        <div>
          <dt>{t('newItems.name')}</dt>
          <dd>
            <bdi>{meta.name || t('newItems.noName')}</bdi>
          </dd>
        </div>
      )}
      <div>
        <dt>{t('newItems.size')}</dt>
        <dd>{size(meta.size)}</dd>
      </div>
    </dl>
  );
}

/** A note's words, decrypted while the diary is open. */
function NoteText({ id }: { id: string }) {
  const { stores } = useDiary();
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    stores.inbox
      .readText(id)
      .then((read) => current && setText(read))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [id, stores.inbox]);
  return text === null ? null : (
    <blockquote className="new-item-note">
      <p dir="auto">{text}</p>
    </blockquote>
  );
}

function IncidentChoice({
  entries,
  busy,
  onChoose,
  onCancel,
}: {
  entries: DiaryEntry[];
  busy: boolean;
  onChoose: (entry: DiaryEntry) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('inbox');
  const describeWhen = useDescribeWhen();
  const id = useId();
  return (
    <div className="new-item-choice" role="group" aria-labelledby={id}>
      <p id={id}>{t('newItems.chooseIncident')}</p>
      {entries.length === 0 ? (
        <p>{t('newItems.noIncidents')}</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <li key={entry.id}>
              <button type="button" className="button" disabled={busy} onClick={() => onChoose(entry)}>
                {describeWhen(entry.incident.when)}: <bdi>{excerpt(entry.incident.whatHappened, 60) || t('newItems.noText')}</bdi>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button" onClick={onCancel}>
        {t('newItems.cancel')}
      </button>
    </div>
  );
}
