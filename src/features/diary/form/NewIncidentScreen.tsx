import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { emptyIncident } from '../../../core/model/incident';
import { NEW_INCIDENT_DRAFT } from '../../../core/store/draftStore';
import { useDiary } from '../../../shared/diary/useDiary';
import { newestRevisionAfterSave, savedState } from '../clock/clockNote';
import { IncidentEditor } from './IncidentEditor';
import { useDraftStore } from './useDraftStore';
import './form.css';

/** "New incident": the full form, starting at now. */
export function NewIncidentScreen() {
  const { t } = useTranslation('incident');
  const { state, add, history } = useDiary();
  const navigate = useNavigate();
  const store = useDraftStore();
  // A blank incident at the time the form opened: what "nothing typed yet" looks like.
  const [baseline] = useState(() => emptyIncident(new Date()));
  return (
    <article className="screen incident-screen">
      <h1 id="incident-title">{t('title.new')}</h1>
      <p>{t('intro')}</p>
      <p className="hint">{t('keptAsYouType')}</p>
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {state === 'ready' && (
        <IncidentEditor
          key={NEW_INCIDENT_DRAFT}
          store={store}
          draftId={NEW_INCIDENT_DRAFT}
          baseline={baseline}
          onSave={add}
          // The incident's page says at once if this save carries a clock note.
          onSaved={(id) => void navigate(`/incidents/${id}`, { state: savedState(newestRevisionAfterSave(history, id)?.revision) })}
          onLeave={() => void navigate('/')}
        />
      )}
    </article>
  );
}
