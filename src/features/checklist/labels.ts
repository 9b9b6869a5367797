import type { TFunction } from 'i18next';
import { OPTIONS, type MultiField, type SingleField } from '../../core/checklist/questions';

export type ChecklistT = TFunction<'checklist'>;

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** The translated wording of one option of one question. */
export function optionLabel(t: ChecklistT, field: MultiField | SingleField, option: string): string {
  switch (field) {
    case 'behaviours':
      return isOneOf(OPTIONS.behaviours, option) ? t(`options.behaviours.${option}`) : option;
    case 'occasions':
      return isOneOf(OPTIONS.occasions, option) ? t(`options.occasions.${option}`) : option;
    case 'duration':
      return isOneOf(OPTIONS.duration, option) ? t(`options.duration.${option}`) : option;
    case 'fixation':
      return isOneOf(OPTIONS.fixation, option) ? t(`options.fixation.${option}`) : option;
    case 'effects':
      return isOneOf(OPTIONS.effects, option) ? t(`options.effects.${option}`) : option;
    case 'risks':
      return isOneOf(OPTIONS.risks, option) ? t(`options.risks.${option}`) : option;
  }
}

/** A saved result's moment in the user's language, e.g. "22 Nov 2026, 19:05". */
export function formatSavedAt(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
