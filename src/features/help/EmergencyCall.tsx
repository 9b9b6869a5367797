import { useTranslation } from 'react-i18next';
import { EMERGENCY_NUMBERS } from '../../content/helplines';
import { telHref } from '../../core/model/helpline';

/** The most important control on the help pages: call 999. */
export function EmergencyCall() {
  const { t } = useTranslation('help');
  return (
    <p className="help-danger">
      <a className="call-999" href={telHref(EMERGENCY_NUMBERS.emergency)}>
        {t('danger.call999')}
      </a>
    </p>
  );
}
