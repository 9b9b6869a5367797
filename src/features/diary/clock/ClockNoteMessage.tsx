import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoment } from '../../../shared/format/formatWhen';
import { useLocale } from '../../../shared/hooks/useLocale';
import type { ClockNotice } from './clockNote';
import './clock.css';

/**
 * The words for a clock note on the version just saved: a save more than a day after the previous
 * record, or the clock reading earlier than it; what was kept, and what to do if the time is wrong.
 */
export function useClockNoteText(): (note: ClockNotice) => string {
  const { t } = useTranslation('diary');
  const language = useLocale();
  return ({ kind, previousAt }) =>
    previousAt === null
      ? t(kind === 'behind' ? 'clock.behindNoTime' : 'clock.aheadNoTime')
      : t(kind === 'behind' ? 'clock.behind' : 'clock.ahead', { moment: formatMoment(previousAt, language) });
}

/**
 * Tells the person, as soon as they land after a save, that the version carries a clock note.
 * The live region is on the page first and filled a moment later, so screen readers announce it.
 */
export function ClockNoteMessage({ note }: { note: ClockNotice | null | undefined }) {
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
