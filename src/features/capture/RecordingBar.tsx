import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { isCaptureScreenShown, subscribeCapturing } from '../../core/capture/activity';
import type { CaptureRecorder } from '../../core/capture/recorder';
import { ElapsedAnnouncer } from './ElapsedAnnouncer';
import { formatElapsed, useRecorder } from './recording';

/**
 * "Recording · 01:23 · Stop", on every screen while a recording runs, the lock screen too (it
 * says nothing of the diary), except the Record screen, which has its own controls. Once the
 * recording it showed ends, it says it was saved (or what went wrong) until dismissed - but not
 * while `locked`: on the lock screen that would tell whoever holds the phone that a recording was
 * made, so there it shows only a recording that is running (it says so after unlocking).
 */
export function RecordingBar({ recorder, locked }: { recorder: CaptureRecorder; locked: boolean }) {
  const { t } = useTranslation('capture');
  const { state, elapsedMs } = useRecorder(recorder);
  const screenShown = useSyncExternalStore(subscribeCapturing, isCaptureScreenShown);
  const [shownFor, setShownFor] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);

  const running = state.status === 'recording' || state.status === 'stopping';
  // Remembered while rendering (React's pattern for state that follows props): the bar told of
  // this recording, so it tells how it ended.
  if (running && !screenShown && shownFor !== state.itemId) setShownFor(state.itemId);
  if (screenShown) return null;

  if (running) {
    return (
      <section className="recording-bar" aria-label={t('bar.label')}>
        <span className="recording-dot" aria-hidden="true" />
        <span>{t(state.kind === 'audio' ? 'bar.recordingAudio' : 'bar.recordingVideo')}</span>
        <span aria-hidden="true"> · </span>
        <span className="recording-time">{formatElapsed(elapsedMs)}</span>
        <button type="button" className="button" disabled={state.status === 'stopping'} onClick={() => recorder.stop()}>
          {t('record.stop')}
        </button>
        <ElapsedAnnouncer recording={state.status === 'recording'} elapsedMs={elapsedMs} />
      </section>
    );
  }
  if (locked) return null;
  const ended = state.status === 'saved' || state.status === 'failed' ? state : null;
  if (!ended || ended.itemId === null || ended.itemId !== shownFor || dismissed === ended.itemId) return null;
  const itemId = ended.itemId;
  return (
    <section className="recording-bar" role={ended.status === 'saved' ? 'status' : 'alert'} aria-label={t('bar.label')}>
      <span>{ended.status === 'saved' ? t(ended.reason === 'limit' ? 'record.savedFull' : 'record.saved') : t('bar.failed')}</span>
      <button type="button" className="button" onClick={() => setDismissed(itemId)}>
        {t('share.dismiss')}
      </button>
    </section>
  );
}

export default RecordingBar;
