import { describe, expect, it } from 'vitest';
import { BEHAVIOURS, orderedBehaviours, withBehaviour } from '../../../src/core/model/behaviours';
import { dayNumber, isCalendarDate, isClockTime, localDate, localTime, utcDay } from '../../../src/core/model/calendarDate';
import { fieldText, INCIDENT_FIELDS, incidentFieldsExcept } from '../../../src/core/model/incidentFields';
import { anIncident } from '../../support/incidentFactories';

describe('calendar dates', () => {
  it('accepts real days only, leap days included', () => {
    for (const day of ['2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '0050-06-15', '9999-12-31']) {
      expect(isCalendarDate(day), day).toBe(true);
    }
    for (const day of [
      '2023-02-29',
      '1900-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '0000-01-01',
      '2024-1-01',
      ' 2024-01-01',
      '',
    ]) {
      expect(isCalendarDate(day), day).toBe(false);
    }
    expect(isCalendarDate(20240101)).toBe(false);
  });

  it('keeps years before 100 as they are (Date.UTC would move them to the 1900s)', () => {
    expect(utcDay('0050-06-15')?.getUTCFullYear()).toBe(50);
    expect(utcDay('2023-02-29')).toBeNull();
  });

  it('counts days across month and leap-year ends', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect((dayNumber('2024-03-01') ?? 0) - (dayNumber('2024-02-28') ?? 0)).toBe(2);
    expect(dayNumber('2024-02-30')).toBeNull();
  });

  it('reads times of day on a 24-hour clock', () => {
    expect(['00:00', '09:05', '23:59'].every(isClockTime)).toBe(true);
    expect(['24:00', '9:05', '12:60', '12:00:00', ''].some(isClockTime)).toBe(false);
  });

  it('gives the date and time of a moment on the device clock', () => {
    const moment = new Date(2026, 0, 3, 7, 4);
    expect(localDate(moment)).toBe('2026-01-03');
    expect(localTime(moment)).toBe('07:04');
  });
});

describe('behaviour order', () => {
  it('puts any choice in display order, each once', () => {
    expect(orderedBehaviours(['violence', 'following', 'violence', 'loitering'])).toEqual(['following', 'loitering', 'violence']);
    expect(orderedBehaviours([...BEHAVIOURS].reverse())).toEqual([...BEHAVIOURS]);
  });

  it('ticks and unticks one behaviour, keeping the order', () => {
    expect(withBehaviour(['threats'], 'following', true)).toEqual(['following', 'threats']);
    expect(withBehaviour(['following', 'threats'], 'following', false)).toEqual(['threats']);
  });
});

describe('incident fields', () => {
  it('lists every field once, and leaves out only what is asked', () => {
    expect(new Set(INCIDENT_FIELDS).size).toBe(INCIDENT_FIELDS.length);
    expect(incidentFieldsExcept('when', 'attachments')).toEqual(INCIDENT_FIELDS.filter((f) => f !== 'when' && f !== 'attachments'));
  });

  it('reads nested text fields, absent ones as empty', () => {
    const incident = anIncident({ reported: { reported: false } });
    expect(fieldText(incident, 'where')).toBe(incident.where);
    expect(fieldText(incident, 'howItFelt')).toBe(incident.effect.howItFelt);
    expect(fieldText(incident, 'policeReference')).toBe('');
  });
});
