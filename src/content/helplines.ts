import type { Helpline, Nation, OpeningHours, Source, SourceDate, TimeRange, Weekday } from '../core/model/helpline';

/**
 * Helplines, from the project's verified reference of UK safety facts; each entry names the
 * public sources it rests on and when they were checked. Numbers are written exactly as the
 * reference writes them. Re-check before each
 * release: helplines change numbers and hours. Names, purposes and who each line serves are
 * translated text under help:directory.entries.<id>.
 *
 * Never add the old National Stalking Helpline number: the reference marks it out of date
 * (test/content/helplines.test.ts checks it is absent).
 */

/** The day these entries were last checked against the reference sheet. */
export const CHECKED = '2026-11-22';

const UK: readonly Nation[] = ['england', 'wales', 'scotland', 'northern-ireland'];
const ENGLAND_AND_WALES: readonly Nation[] = ['england', 'wales'];

export const HELPLINE_IDS = [
  'national-stalking-helpline',
  'national-domestic-abuse-helpline',
  'live-fear-free',
  'scotland-domestic-abuse-helpline',
  'ni-domestic-sexual-abuse-helpline',
  'paladin',
  'victim-support',
  'womens-aid-chat',
  'mens-advice-line',
  'galop',
  'karma-nirvana',
  'revenge-porn-helpline',
  'report-fraud',
  'samaritans',
] as const;

export type HelplineId = (typeof HELPLINE_IDS)[number];

const ALWAYS: OpeningHours = { kind: 'always' };

/** The same opening hours on each weekday, Monday to Friday. */
function mondayToFriday(from: string, to: string): Partial<Record<Weekday, readonly TimeRange[]>> {
  return Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [day, [{ from, to }]]));
}

/** A source checked against the reference sheet on CHECKED. */
function cited(cite: readonly string[], date: SourceDate = null): Source {
  return { cite, date, checked: CHECKED };
}

type HelplineFacts = Pick<Helpline<HelplineId>, 'id' | 'nations' | 'hours' | 'source'> & Partial<Helpline<HelplineId>>;

/** An entry; what is not given is what most entries have: no phone, email, website, other way or note, and not said to be free. */
function helpline({ id, nations, hours, source, ...facts }: HelplineFacts): Helpline<HelplineId> {
  return { id, nations, phones: [], emails: [], website: null, otherWays: [], hours, free: false, notes: [], source, ...facts };
}

/** The directory, in the order it is shown: the National Stalking Helpline first. */
export const HELPLINES: readonly Helpline<HelplineId>[] = [
  helpline({
    id: 'national-stalking-helpline',
    nations: ENGLAND_AND_WALES,
    phones: [{ kind: 'call', display: '0808 802 0300' }],
    website: 'suzylamplugh.org',
    hours: {
      kind: 'weekly',
      days: { ...mondayToFriday('09:30', '16:00'), wed: [{ from: '13:00', to: '16:00' }] },
      bankHolidays: 'closed',
    },
    notes: ['not-on-bt-bills'],
    source: cited(['suzylamplugh.org/stalking', 'schoolbeat.cymru'], '2023-04-21'),
  }),
  helpline({
    id: 'national-domestic-abuse-helpline',
    nations: ['england'],
    phones: [{ kind: 'call', display: '0808 200 0247' }],
    website: 'nationaldahelpline.org.uk',
    otherWays: ['call-back'],
    hours: ALWAYS,
    free: true,
    source: cited(['refuge.org.uk', 'nationaldahelpline.org.uk']),
  }),
  helpline({
    id: 'live-fear-free',
    nations: ['wales'],
    phones: [
      { kind: 'call', display: '0808 801 0800' },
      { kind: 'text', display: '07860 077333' },
    ],
    website: 'gov.wales/live-fear-free',
    otherWays: ['email', 'live-chat'],
    hours: ALWAYS,
    source: cited(['gov.wales/live-fear-free']),
  }),
  helpline({
    id: 'scotland-domestic-abuse-helpline',
    nations: ['scotland'],
    phones: [{ kind: 'call', display: '0800 027 1234' }],
    otherWays: ['email', 'webchat', 'interpreters'],
    hours: ALWAYS,
    source: cited(['safer.scot/information/da/report']),
  }),
  helpline({
    id: 'ni-domestic-sexual-abuse-helpline',
    nations: ['northern-ireland'],
    phones: [{ kind: 'call', display: '0808 802 1414' }],
    emails: ['help@dsahelpline.org'],
    hours: ALWAYS,
    source: cited(['victimsupportni.com']),
  }),
  helpline({
    id: 'paladin',
    nations: ENGLAND_AND_WALES,
    phones: [{ kind: 'call', display: '020 3866 4107' }],
    hours: { kind: 'check-website', why: 'unverified' },
    source: cited(['arun.gov.uk/stalking']),
  }),
  helpline({
    id: 'victim-support',
    nations: ENGLAND_AND_WALES,
    phones: [{ kind: 'call', display: '0808 168 9111' }],
    website: 'victimsupport.org.uk',
    otherWays: ['live-chat'],
    hours: ALWAYS,
    free: true,
    source: cited(['victimsupport.org.uk'], '2020'),
  }),
  helpline({
    id: 'womens-aid-chat',
    nations: ['england'],
    website: 'womensaid.org.uk',
    otherWays: ['live-chat'],
    hours: {
      kind: 'weekly',
      days: { ...mondayToFriday('08:00', '18:00'), sat: [{ from: '10:00', to: '18:00' }], sun: [{ from: '10:00', to: '18:00' }] },
      bankHolidays: 'not-stated',
    },
    source: cited(['survivorsforum.womensaid.org.uk']),
  }),
  helpline({
    id: 'mens-advice-line',
    nations: UK,
    phones: [{ kind: 'call', display: '0808 801 0327' }],
    hours: { kind: 'check-website', why: 'unverified' },
    source: cited(['Respect']),
  }),
  helpline({
    id: 'galop',
    nations: UK,
    phones: [{ kind: 'call', display: '0800 999 5428' }],
    emails: ['help@galop.org.uk'],
    website: 'galop.org.uk',
    hours: { kind: 'check-website', why: 'disputed' },
    source: cited(['hellorayo.co.uk'], '2023-02-02'),
  }),
  helpline({
    id: 'karma-nirvana',
    nations: UK,
    phones: [{ kind: 'call', display: '0800 599 9247' }],
    website: 'karmanirvana.org.uk',
    hours: { kind: 'check-website', why: 'disputed' },
    source: cited(['karmanirvana.org.uk/about/faq']),
  }),
  helpline({
    id: 'revenge-porn-helpline',
    nations: UK,
    phones: [{ kind: 'call', display: '0345 600 0459' }],
    website: 'swgfl.org.uk/helplines/revenge-porn-helpline',
    hours: { kind: 'weekly', days: mondayToFriday('10:00', '16:00'), bankHolidays: 'closed' },
    source: cited(['swgfl.org.uk/helplines/revenge-porn-helpline']),
  }),
  helpline({
    id: 'report-fraud',
    nations: ['england', 'wales', 'northern-ireland'],
    phones: [{ kind: 'call', display: '0300 123 2040' }],
    website: 'reportfraud.police.uk',
    otherWays: ['online-report'],
    hours: { kind: 'weekly', days: mondayToFriday('08:00', '20:00'), bankHolidays: 'not-stated' },
    source: cited(['wired-gov.net'], '2025-12-04'),
  }),
  helpline({
    id: 'samaritans',
    nations: UK,
    phones: [{ kind: 'call', display: '116 123' }],
    website: 'samaritans.org',
    hours: ALWAYS,
    free: true,
    source: cited(['samaritans.org']),
  }),
];

/** The entries for one nation: UK-wide lines and that nation's own, in directory order. */
export function helplinesFor(nation: Nation): readonly Helpline<HelplineId>[] {
  return HELPLINES.filter((entry) => entry.nations.includes(nation));
}

/** Numbers used in the 999 and 101 guidance (not part of the directory list). */
export const EMERGENCY_NUMBERS = {
  emergency: '999',
  policeNonEmergency: '101',
  relayEmergency: '18000',
  relayNonEmergency: '18001 101',
  silentSolutionCode: '55',
} as const;

/** Sources of the guidance sections on the help pages. */
export const GUIDANCE_SOURCES = {
  silent999: cited(
    [
      'inews.co.uk (IOPC guide)',
      'villagewatch.co.uk/silent-solution',
      'astonrowantparishcouncil.gov.uk (Thames Valley Police)',
      'avonandsomerset.police.uk',
      'standingtogether.org.uk/get-support',
    ],
    '2019-04',
  ),
  emergencySms: cited(
    ['bucksfire.gov.uk/safety-hub/emergency-sms', 'southtees.nhs.uk/services/audiology/emergencysms', 'vanel.org.uk'],
    '2023-06',
  ),
  bsl999: cited(['wmfs.net/safety/999-bsl-uk-emergency-video-relay-service'], '2022-06-17'),
  askForAni: cited(['cpwales.org.uk/ask-for-ani-domestic-abuse-codeword-scheme-d54', 'kmpt.nhs.uk (2021)'], '2022-02'),
  police101: cited(['bbc.co.uk/news/uk-48423791']),
  techSafety: cited([
    'techsafety.org/spyware',
    'wokingham.gov.uk (2023)',
    'refuge.org.uk secure-your-tech',
    'cambs.police.uk',
    'Kent Police (2021)',
  ]),
  quickExit: cited(['design-system.service.gov.uk/components/exit-this-page']),
  reporting: cited(
    ['avonandsomerset.police.uk/news/2025/04/fixated-obsessive-unwanted-repeated-four-ways-to-spot-signs-of-stalking'],
    '2025-04',
  ),
  diary: cited(['Suzy Lamplugh Trust (2010)', 'Lancashire Police (2018)']),
  evidence: cited(['Sussex Police (2021)', 'Cambridgeshire Police', 'Revenge Porn Helpline FAQ']),
  paladin: cited(['devon.gov.uk/dsva/stalking']),
} as const satisfies Record<string, Source>;
