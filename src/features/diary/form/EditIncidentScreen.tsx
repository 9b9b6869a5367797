import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Incident } from '../../../core/model/incident';
import { editDraftId } from '../../../core/store/draftStore';
import { useDiary } from '../../../shared/diary/useDiary';
import { IncidentEditor } from './IncidentEditor';
import { sameIncident } from './formRules';
import { useDraftStore } from './useDraftStore';
import { newestRevisionAfterSave, savedState } from '../clock/clockNote';
import './form.css';

/** Editing an incident: saving appends a revision, so the earlier version stays in its history. */
export function EditIncidentScreen() {
  const { t } = useTranslation('incident');
  const { id = '' } = useParams();
  const { state, snapshot, edit, history } = useDiary();
  const navigate = useNavigate();
  const store = useDraftStore();
  const entry = snapshot?.entries.find((e) => e.id === id);
  // The version this save wrote, if it wrote one: the incident's page says if it carries a clock note.
  const written = useRef<number | undefined>(undefined);

  const save = async (incident: Incident): Promise<string> => {
    // Nothing changed: no new revision, the history stays as it is.
    if (entry && !sameIncident(incident, entry.incident)) {
      await edit(id, incident, entry.revisions);
      written.current = newestRevisionAfterSave(history, id)?.revision;
    }
    return id;
  };

  return (
    <article className="screen incident-screen">
      <h1 id="incident-title">{t('title.edit')}</h1>
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {state === 'ready' && !entry && (
        <>
          <p>{t('edit.notFound')}</p>
          <p>
            <Link to="/">{t('edit.backToDiary')}</Link>
          </p>
        </>
      )}
      {state === 'ready' && entry && (
        <>
          <p>{t('editIntro')}</p>
          <p className="hint">{t('keptAsYouType')}</p>
          <IncidentEditor
            key={editDraftId(id)}
            store={store}
            draftId={editDraftId(id)}
            baseline={entry.incident}
            baseRevision={entry.revisions}
            onSave={save}
            onSaved={(saved) => void navigate(`/incidents/${saved}`, { state: savedState(written.current) })}
            onLeave={() => void navigate(`/incidents/${id}`)}
          />
        </>
      )}
    </article>
  );
}
