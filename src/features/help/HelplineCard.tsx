import { useTranslation } from 'react-i18next';
import type { HelplineId } from '../../content/helplines';
import { openStatus } from '../../core/help/openingHours';
import { smsHref, telHref, type Helpline } from '../../core/model/helpline';
import { formatHours } from './format';
import { SourceNote } from './SourceNote';

/** "Open now" / "Closed now" for lines with verified hours; nothing for the others. */
function OpenNow({ entry, now }: { entry: Helpline<HelplineId>; now: Date }) {
  const { t } = useTranslation('help');
  const status = openStatus(entry.hours, now);
  if (status.state === 'unknown') return null;
  if (status.state === 'closed') {
    return (
      <p className="help-status help-status-closed" data-status="closed">
        {t('directory.status.closed')}
      </p>
    );
  }
  const text =
    status.caveat === 'closed-on-bank-holidays'
      ? t('directory.status.openUnlessBankHoliday')
      : status.caveat === 'bank-holiday-hours-not-stated'
        ? t('directory.status.openBankHolidaysMayDiffer')
        : t('directory.status.open');
  return (
    <p className="help-status help-status-open" data-status="open">
      {text}
    </p>
  );
}

/** One helpline: name, purpose, who it serves, open now, hours, ways in and source. */
export function HelplineCard({ entry, now }: { entry: Helpline<HelplineId>; now: Date }) {
  const { t } = useTranslation('help');
  const name = t(`directory.entries.${entry.id}.name`);
  const headingId = `helpline-${entry.id}`;
  return (
    <li className="helpline" data-helpline={entry.id}>
      <h3 id={headingId}>{name}</h3>
      <p>{t(`directory.entries.${entry.id}.for`)}</p>
      <p>{t('directory.who', { who: t(`directory.entries.${entry.id}.who`) })}</p>
      <OpenNow entry={entry} now={now} />
      {formatHours(t, entry.hours).map((line) => (
        <p key={line} className={entry.hours.kind === 'check-website' ? 'help-hours help-hours-unconfirmed' : 'help-hours'}>
          {line}
        </p>
      ))}
      <ul className="helpline-contact" aria-label={t('directory.contact.label', { name })}>
        {entry.phones.map((phone) => (
          <li key={phone.display}>
            {phone.kind === 'text' ? (
              <a className="button call-link" href={smsHref(phone.display)}>
                {t('directory.contact.text', { number: phone.display })}
              </a>
            ) : (
              <a className="button call-link" href={telHref(phone.display)}>
                {phone.kind === 'textphone'
                  ? t('directory.contact.textphone', { number: phone.display })
                  : t('directory.contact.call', { number: phone.display })}
              </a>
            )}
          </li>
        ))}
        {entry.emails.map((address) => (
          <li key={address}>
            <a className="call-link" href={`mailto:${address}`}>
              {t('directory.contact.email', { address })}
            </a>
          </li>
        ))}
        {entry.website !== null && <li>{t('directory.contact.website', { address: entry.website })}</li>}
        {entry.otherWays.map((way) => (
          <li key={way}>{t(`directory.otherWays.${way}`)}</li>
        ))}
      </ul>
      {entry.free && <p>{t('directory.contact.free')}</p>}
      {entry.notes.map((note) => (
        <p key={note}>{t(`directory.notes.${note}`)}</p>
      ))}
      <SourceNote source={entry.source} />
    </li>
  );
}
