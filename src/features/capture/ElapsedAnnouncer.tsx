import { useTranslation } from 'react-i18next';
import { formatElapsed } from './recording';

/** Screen readers hear the time at most this often while recording. */
const EVERY_MS = 10_000;

/**
 * A polite, visually hidden announcement of a running recording: that it started, then its
 * length every ten seconds (the stop is told by the message that it was saved). The visible
 * timer is not live: it would speak every second.
 */
export function ElapsedAnnouncer({ recording, elapsedMs }: { recording: boolean; elapsedMs: number }) {
  const { t } = useTranslation('capture');
  const step = Math.floor(elapsedMs / EVERY_MS);
  const text = !recording ? '' : step === 0 ? t('record.started') : t('record.elapsed', { time: formatElapsed(step * EVERY_MS) });
  return (
    <p className="visually-hidden" role="status">
      {text}
    </p>
  );
}
