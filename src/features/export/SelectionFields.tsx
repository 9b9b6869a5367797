import { useTranslation } from 'react-i18next';
import { BEHAVIOURS } from '../../core/model/behaviours';
import { OMITTABLE_FIELDS, type ExportSelection } from '../../core/export/exportDocument';
import type { DiaryEntry } from '../../core/store/diaryRepository';
import type { ExportFormat } from '../../shared/exportFiles/makeExport';
import { Choice, Choices } from '../../shared/ui/Choice';
import { Fieldset } from '../../shared/ui/Fieldset';
import { IncidentPicker } from './IncidentPicker';

interface SelectionFieldsProps {
  selection: ExportSelection;
  onChange: (selection: ExportSelection) => void;
  /** Entries matching the dates and behaviours, for picking single incidents. */
  matching: readonly DiaryEntry[];
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  savedChecklists: number;
  /** Live court orders in the diary: the choice to send every one is offered only when there are some. */
  savedOrders?: number;
  /**
   * The format chosen, when known: "Include originals with their metadata" is offered only for
   * packages (a PDF always shows pictures redrawn). Without it, the choice is offered with files.
   */
  format?: ExportFormat;
}

const DATE_ENDS = ['from', 'to'] as const;

/** Private notes have their own tick ("Include private notes"), which alone decides them. */
const LISTED_OMITTABLE = OMITTABLE_FIELDS.filter((field) => field !== 'privateNotes');

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

interface TickListProps<Option extends string> {
  legend: string;
  hint: string;
  options: readonly Option[];
  ticked: readonly Option[];
  onChange: (ticked: Option[]) => void;
  label: (option: Option) => string;
}

/** A list of options to tick, under a legend and a hint. */
function TickList<Option extends string>({ legend, hint, options, ticked, onChange, label }: TickListProps<Option>) {
  return (
    <Fieldset legend={legend} hint={hint}>
      <ul className="choice-list">
        <Choices
          type="checkbox"
          listItems
          options={options}
          isChecked={(option) => ticked.includes(option)}
          onChange={(option, on) => onChange(toggle(ticked, option, on))}
          label={label}
        />
      </ul>
    </Fieldset>
  );
}

/** What goes into an export: dates, behaviours, single incidents, files and details left out. */
export function SelectionFields({
  selection,
  onChange,
  matching,
  picking,
  onPickingChange,
  savedChecklists,
  savedOrders = 0,
  format,
}: SelectionFieldsProps) {
  const { t } = useTranslation(['export', 'attachments']);
  const offerOriginals = selection.includeAttachments && (format === undefined || format === 'package');
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
          {DATE_ENDS.map((end) => (
            <div key={end} className="field">
              <label htmlFor={`export-${end}`}>{t(`dates.${end}`)}</label>
              <input
                id={`export-${end}`}
                type="date"
                aria-describedby="export-dates-hint"
                value={selection[end] ?? ''}
                onChange={(e) => set({ [end]: e.target.value })}
              />
            </div>
          ))}
        </div>
      </fieldset>

      {/* Sixteen behaviours make a long list on a phone: folded away until wanted. */}
      <details className="export-behaviours">
        <summary>
          {selection.behaviours.length === 0
            ? t('behaviours.summaryAll')
            : t('behaviours.summaryChosen', { count: selection.behaviours.length })}
        </summary>
        <TickList
          legend={t('behaviours.legend')}
          hint={t('behaviours.hint')}
          options={BEHAVIOURS}
          ticked={selection.behaviours}
          onChange={(behaviours) => set({ behaviours })}
          label={(behaviour) => ti(`behaviours.${behaviour}`)}
        />
      </details>

      <fieldset>
        <legend>{t('incidents.legend')}</legend>
        <Choice type="radio" name="export-incidents" checked={!picking} onChange={() => onPickingChange(false)}>
          {t('incidents.all')}
        </Choice>
        <Choice type="radio" name="export-incidents" checked={picking} onChange={() => onPickingChange(true)}>
          {t('incidents.pick')}
        </Choice>
        {picking && <IncidentPicker entries={matching} picked={selection.entryIds} onChange={(entryIds) => set({ entryIds })} />}
      </fieldset>

      <fieldset>
        <legend>{t('include.legend')}</legend>
        <Choice type="checkbox" checked={selection.includeAttachments} onChange={(includeAttachments) => set({ includeAttachments })}>
          {t('include.attachments')}
        </Choice>
        <p className="hint">{t('include.attachmentsHint')}</p>
        {offerOriginals && (
          <div className="include-originals">
            <Choice
              type="checkbox"
              checked={selection.includeOriginals === true}
              onChange={(includeOriginals) => set({ includeOriginals })}
            >
              {t('attachments:originals.label')}
            </Choice>
            <p className="hint">{t('attachments:originals.hint')}</p>
          </div>
        )}
        <Choice
          type="checkbox"
          checked={selection.includePrivateNotes === true}
          onChange={(includePrivateNotes) => set({ includePrivateNotes })}
          describedBy="export-private-notes-hint"
        >
          {t('include.privateNotes')}
        </Choice>
        <p className="hint" id="export-private-notes-hint">
          {t('include.privateNotesHint')}
        </p>
        {savedOrders > 0 && (
          <>
            <Choice
              type="checkbox"
              checked={selection.includeOrders === true}
              onChange={(includeOrders) => set({ includeOrders })}
              describedBy="export-orders-hint"
            >
              {t('include.orders', { count: savedOrders })}
            </Choice>
            <p className="hint" id="export-orders-hint">
              {t('include.ordersHint')}
            </p>
          </>
        )}
        {savedChecklists > 0 && (
          <Choice type="checkbox" checked={selection.includeChecklists} onChange={(includeChecklists) => set({ includeChecklists })}>
            {t('include.checklists', { count: savedChecklists })}
          </Choice>
        )}
      </fieldset>

      <TickList
        legend={t('omit.legend')}
        hint={t('omit.hint')}
        options={LISTED_OMITTABLE}
        ticked={selection.omitFields}
        onChange={(omitFields) => set({ omitFields })}
        label={(field) => t(`omit.fields.${field}`)}
      />
    </>
  );
}
