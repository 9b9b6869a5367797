import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../../../shared/format/formatWhen';
import { useLocale } from '../../../shared/hooks/useLocale';
import type { ClockNote } from './clockNote';
import './clock.css';

/** The words for a clock note on the version just saved: what the clock read, what was kept, what to do. */
export function useClockNoteText(): (note: ClockNote) => string {
  const { t } = useTranslation('diary');
  const language = useLocale();
  return (note) => t(note.kind === 'behind' ? 'clock.behind' : 'clock.ahead', { moment: formatMoment(note.lastLinkAt, language) });
}

/**
 * Tells the person, as soon as they land after a save, that the device's clock looked wrong. The
 * live region is on the page first and filled a moment later, so screen readers announce it.
 */
export function ClockNoteMessage({ note }: { note: ClockNote | null | undefined }) {
  const text = useClockNoteText();
  const message = note ? text(note) : '';
  const [shown, setShown] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setShown(message), 0);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <p role="status" className={shown ? 'notice clock-note' : 'clock-note'} data-testid="clock-note">
      {shown}
    </p>
  );
}
