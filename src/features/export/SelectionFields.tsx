import { useTranslation } from 'react-i18next';
import { BEHAVIOURS, type Behaviour } from '../../core/model/behaviours';
import { OMITTABLE_FIELDS, type ExportSelection, type OmittableField } from '../../core/export/exportDocument';
import type { DiaryEntry } from '../../core/store/diaryRepository';
import { IncidentPicker } from './IncidentPicker';

interface SelectionFieldsProps {
  selection: ExportSelection;
  onChange: (selection: ExportSelection) => void;
  /** Entries matching the dates and behaviours, for picking single incidents. */
  matching: readonly DiaryEntry[];
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  savedChecklists: number;
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

/** What goes into an export: dates, behaviours, single incidents, files and details left out. */
export function SelectionFields({ selection, onChange, matching, picking, onPickingChange, savedChecklists }: SelectionFieldsProps) {
  const { t } = useTranslation('export');
  const { t: ti } = useTranslation('incident');
  const set = (patch: Partial<ExportSelection>) => onChange({ ...selection, ...patch });
  return (
    <>
      <fieldset>
        <legend>{t('dates.legend')}</legend>
        <p className="hint" id="export-dates-hint">
          {t('dates.hint')}
        </p>
        <div className="date-range">
          <div className="field">
            <label htmlFor="export-from">{t('dates.from')}</label>
            <input
              id="export-from"
              type="date"
              aria-describedby="export-dates-hint"
              value={selection.from ?? ''}
              onChange={(e) => set({ from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="export-to">{t('dates.to')}</label>
            <input
              id="export-to"
              type="date"
              aria-describedby="export-dates-hint"
              value={selection.to ?? ''}
              onChange={(e) => set({ to: e.target.value })}
            />
          </div>
        </div>
      </fieldset>

      {/* Sixteen behaviours make a long list on a phone: folded away until wanted. */}
      <details className="export-behaviours">
        <summary>
          {selection.behaviours.length === 0
            ? t('behaviours.summaryAll')
            : t('behaviours.summaryChosen', { count: selection.behaviours.length })}
        </summary>
        <fieldset>
          <legend>{t('behaviours.legend')}</legend>
          <p className="hint">{t('behaviours.hint')}</p>
          <ul className="choice-list">
            {BEHAVIOURS.map((behaviour: Behaviour) => (
              <li key={behaviour}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={selection.behaviours.includes(behaviour)}
                    onChange={(e) => set({ behaviours: toggle(selection.behaviours, behaviour, e.target.checked) })}
                  />
                  {ti(`behaviours.${behaviour}`)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </details>

      <fieldset>
        <legend>{t('incidents.legend')}</legend>
        <label className="choice">
          <input type="radio" name="export-incidents" checked={!picking} onChange={() => onPickingChange(false)} />
          {t('incidents.all')}
        </label>
        <label className="choice">
          <input type="radio" name="export-incidents" checked={picking} onChange={() => onPickingChange(true)} />
          {t('incidents.pick')}
        </label>
        {picking && <IncidentPicker entries={matching} picked={selection.entryIds} onChange={(entryIds) => set({ entryIds })} />}
      </fieldset>

      <fieldset>
        <legend>{t('include.legend')}</legend>
        <label className="choice">
          <input type="checkbox" checked={selection.includeAttachments} onChange={(e) => set({ includeAttachments: e.target.checked })} />
          {t('include.attachments')}
        </label>
        <p className="hint">{t('include.attachmentsHint')}</p>
        {savedChecklists > 0 && (
          <label className="choice">
            <input type="checkbox" checked={selection.includeChecklists} onChange={(e) => set({ includeChecklists: e.target.checked })} />
            {t('include.checklists', { count: savedChecklists })}
          </label>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('omit.legend')}</legend>
        <p className="hint">{t('omit.hint')}</p>
        <ul className="choice-list">
          {OMITTABLE_FIELDS.map((field: OmittableField) => (
            <li key={field}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={selection.omitFields.includes(field)}
                  onChange={(e) => set({ omitFields: toggle(selection.omitFields, field, e.target.checked) })}
                />
                {t(`omit.fields.${field}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </>
  );
}
