import { useId, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { activeFilterCount, type ReportedFilter, type TimelineFilter } from '../../../core/diary/timelineFilter';
import { BEHAVIOURS, withBehaviour, type Behaviour } from '../../../core/model/behaviours';

interface Props {
  filter: TimelineFilter;
  onChange: (filter: TimelineFilter) => void;
  searchRef?: RefObject<HTMLInputElement | null>;
}

const REPORTED: { value: ReportedFilter; label: 'filters.reportedAny' | 'filters.reportedYes' | 'filters.reportedNo' }[] = [
  { value: 'any', label: 'filters.reportedAny' },
  { value: 'reported', label: 'filters.reportedYes' },
  { value: 'not-reported', label: 'filters.reportedNo' },
];

/** Search box, with behaviour, date and reported filters folded away until wanted. */
export function TimelineFilters({ filter, onChange, searchRef }: Props) {
  const { t } = useTranslation('diary');
  const id = useId();
  const active = activeFilterCount(filter);
  const set = (change: Partial<TimelineFilter>) => onChange({ ...filter, ...change });
  const toggle = (behaviour: Behaviour, on: boolean) => set({ behaviours: withBehaviour(filter.behaviours, behaviour, on) });

  return (
    // Nothing is submitted: results follow every change. Enter must not reload the page.
    <form className="timeline-filters" role="search" onSubmit={(event: FormEvent) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-query`}>{t('filters.search')}</label>
        <p className="hint" id={`${id}-query-hint`}>
          {t('filters.searchHint')}
        </p>
        {/* autoComplete off: the browser must not remember what was searched for. */}
        <input
          ref={searchRef}
          id={`${id}-query`}
          type="search"
          value={filter.query}
          onChange={(event) => set({ query: event.target.value })}
          aria-describedby={`${id}-query-hint`}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
        />
      </div>
      <details className="filters">
        <summary>{active > 0 ? t('filters.titleActive', { count: active }) : t('filters.title')}</summary>
        <fieldset>
          <legend>{t('filters.behaviours')}</legend>
          <p className="hint">{t('filters.behavioursHint')}</p>
          <div className="behaviour-choices">
            {BEHAVIOURS.map((behaviour) => (
              <label key={behaviour} className="choice">
                <input
                  type="checkbox"
                  checked={filter.behaviours.includes(behaviour)}
                  onChange={(event) => toggle(behaviour, event.target.checked)}
                />
                <span>{t(`behaviours.${behaviour}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('filters.dates')}</legend>
          <div className="date-range">
            <div>
              <label htmlFor={`${id}-from`}>{t('filters.from')}</label>
              <input
                id={`${id}-from`}
                type="date"
                value={filter.from}
                max={filter.to || undefined}
                onChange={(event) => set({ from: event.target.value })}
              />
            </div>
            <div>
              <label htmlFor={`${id}-to`}>{t('filters.to')}</label>
              <input
                id={`${id}-to`}
                type="date"
                value={filter.to}
                min={filter.from || undefined}
                onChange={(event) => set({ to: event.target.value })}
              />
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('filters.reported')}</legend>
          {REPORTED.map(({ value, label }) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={`${id}-reported`}
                value={value}
                checked={filter.reported === value}
                onChange={() => set({ reported: value })}
              />
              <span>{t(label)}</span>
            </label>
          ))}
        </fieldset>
      </details>
    </form>
  );
}
