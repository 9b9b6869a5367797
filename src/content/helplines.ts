import type { Helpline, Nation, Source } from '../core/model/helpline';

/**
 * Helplines, from /work/shared/reference/uk-safety-facts.md ("UK safety facts: verified
 * reference"). Numbers are written exactly as the reference writes them. Re-check before each
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

/** The directory, in the order it is shown: the National Stalking Helpline first. */
export const HELPLINES: readonly Helpline<HelplineId>[] = [
  {
    id: 'national-stalking-helpline',
    nations: ENGLAND_AND_WALES,
    phones: [{ kind: 'call', display: '0808 802 0300' }],
    emails: [],
    website: 'suzylamplugh.org',
    otherWays: [],
    hours: {
      kind: 'weekly',
      days: {
        mon: [{ from: '09:30', to: '16:00' }],
        tue: [{ from: '09:30', to: '16:00' }],
        wed: [{ from: '13:00', to: '16:00' }],
        thu: [{ from: '09:30', to: '16:00' }],
        fri: [{ from: '09:30', to: '16:00' }],
      },
      bankHolidays: 'closed',
    },
    free: false,
    notes: ['not-on-bt-bills'],
    source: { cite: ['suzylamplugh.org/stalking', 'schoolbeat.cymru'], date: '2023-04-21', checked: CHECKED },
  },
  {
    id: 'national-domestic-abuse-helpline',
    nations: ['england'],
    phones: [{ kind: 'call', display: '0808 200 0247' }],
    emails: [],
    website: 'nationaldahelpline.org.uk',
    otherWays: ['call-back'],
    hours: { kind: 'always' },
    free: true,
    notes: [],
    source: { cite: ['refuge.org.uk', 'nationaldahelpline.org.uk'], date: null, checked: CHECKED },
  },
  {
    id: 'live-fear-free',
    nations: ['wales'],
    phones: [
      { kind: 'call', display: '0808 801 0800' },
      { kind: 'text', display: '07860 077333' },
    ],
    emails: [],
    website: 'gov.wales/live-fear-free',
    otherWays: ['email', 'live-chat'],
    hours: { kind: 'always' },
    free: false,
    notes: [],
    source: { cite: ['gov.wales/live-fear-free'], date: null, checked: CHECKED },
  },
  {
    id: 'scotland-domestic-abuse-helpline',
    nations: ['scotland'],
    phones: [{ kind: 'call', display: '0800 027 1234' }],
    emails: [],
    website: null,
    otherWays: ['email', 'webchat', 'interpreters'],
    hours: { kind: 'always' },
    free: false,
    notes: [],
    source: { cite: ['safer.scot/information/da/report'], date: null, checked: CHECKED },
  },
  {
    id: 'ni-domestic-sexual-abuse-helpline',
    nations: ['northern-ireland'],
    phones: [{ kind: 'call', display: '0808 802 1414' }],
    emails: ['help@dsahelpline.org'],
    website: null,
    otherWays: [],
    hours: { kind: 'always' },
    free: false,
    notes: [],
    source: { cite: ['victimsupportni.com'], date: null, checked: CHECKED },
  },
  {
    id: 'paladin',
    nations: ENGLAND_AND_WALES,
    phones: [{ kind: 'call', display: '020 3866 4107' }],
    emails: [],
    website: null,
    otherWays: [],
    hours: { kind: 'check-website', why: 'unverified' },
    free: false,
    notes: [],
    source: { cite: ['arun.gov.uk/stalking'], date: null, checked: CHECKED },
  },
  {
    id: 'victim-support',
    nations: ENGLAND_AND_WALES,
    phones: [{ kind: 'call', display: '0808 168 9111' }],
    emails: [],
    website: 'victimsupport.org.uk',
    otherWays: ['live-chat'],
    hours: { kind: 'always' },
    free: true,
    notes: [],
    source: { cite: ['victimsupport.org.uk'], date: '2020', checked: CHECKED },
  },
  {
    id: 'womens-aid-chat',
    nations: ['england'],
    phones: [],
    emails: [],
    website: 'womensaid.org.uk',
    otherWays: ['live-chat'],
    hours: {
      kind: 'weekly',
      days: {
        mon: [{ from: '08:00', to: '18:00' }],
        tue: [{ from: '08:00', to: '18:00' }],
        wed: [{ from: '08:00', to: '18:00' }],
        thu: [{ from: '08:00', to: '18:00' }],
        fri: [{ from: '08:00', to: '18:00' }],
        sat: [{ from: '10:00', to: '18:00' }],
        sun: [{ from: '10:00', to: '18:00' }],
      },
      bankHolidays: 'not-stated',
    },
    free: false,
    notes: [],
    source: { cite: ['survivorsforum.womensaid.org.uk'], date: null, checked: CHECKED },
  },
  {
    id: 'mens-advice-line',
    nations: UK,
    phones: [{ kind: 'call', display: '0808 801 0327' }],
    emails: [],
    website: null,
    otherWays: [],
    hours: { kind: 'check-website', why: 'unverified' },
    free: false,
    notes: [],
    source: { cite: ['Respect'], date: null, checked: CHECKED },
  },
  {
    id: 'galop',
    nations: UK,
    phones: [{ kind: 'call', display: '0800 999 5428' }],
    emails: ['help@galop.org.uk'],
    website: 'galop.org.uk',
    otherWays: [],
    hours: { kind: 'check-website', why: 'disputed' },
    free: false,
    notes: [],
    source: { cite: ['hellorayo.co.uk'], date: '2023-02-02', checked: CHECKED },
  },
  {
    id: 'karma-nirvana',
    nations: UK,
    phones: [{ kind: 'call', display: '0800 599 9247' }],
    emails: [],
    website: 'karmanirvana.org.uk',
    otherWays: [],
    hours: { kind: 'check-website', why: 'disputed' },
    free: false,
    notes: [],
    source: { cite: ['karmanirvana.org.uk/about/faq'], date: null, checked: CHECKED },
  },
  {
    id: 'revenge-porn-helpline',
    nations: UK,
    phones: [{ kind: 'call', display: '0345 600 0459' }],
    emails: [],
    website: 'swgfl.org.uk/helplines/revenge-porn-helpline',
    otherWays: [],
    hours: {
      kind: 'weekly',
      days: {
        mon: [{ from: '10:00', to: '16:00' }],
        tue: [{ from: '10:00', to: '16:00' }],
        wed: [{ from: '10:00', to: '16:00' }],
        thu: [{ from: '10:00', to: '16:00' }],
        fri: [{ from: '10:00', to: '16:00' }],
      },
      bankHolidays: 'closed',
    },
    free: false,
    notes: [],
    source: { cite: ['swgfl.org.uk/helplines/revenge-porn-helpline'], date: null, checked: CHECKED },
  },
  {
    id: 'report-fraud',
    nations: ['england', 'wales', 'northern-ireland'],
    phones: [{ kind: 'call', display: '0300 123 2040' }],
    emails: [],
    website: 'reportfraud.police.uk',
    otherWays: ['online-report'],
    hours: {
      kind: 'weekly',
      days: {
        mon: [{ from: '08:00', to: '20:00' }],
        tue: [{ from: '08:00', to: '20:00' }],
        wed: [{ from: '08:00', to: '20:00' }],
        thu: [{ from: '08:00', to: '20:00' }],
        fri: [{ from: '08:00', to: '20:00' }],
      },
      bankHolidays: 'not-stated',
    },
    free: false,
    notes: [],
    source: { cite: ['wired-gov.net'], date: '2025-12-04', checked: CHECKED },
  },
  {
    id: 'samaritans',
    nations: UK,
    phones: [{ kind: 'call', display: '116 123' }],
    emails: [],
    website: 'samaritans.org',
    otherWays: [],
    hours: { kind: 'always' },
    free: true,
    notes: [],
    source: { cite: ['samaritans.org'], date: null, checked: CHECKED },
  },
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
  silent999: {
    cite: [
      'inews.co.uk (IOPC guide)',
      'villagewatch.co.uk/silent-solution',
      'astonrowantparishcouncil.gov.uk (Thames Valley Police)',
      'avonandsomerset.police.uk',
      'standingtogether.org.uk/get-support',
    ],
    date: '2019-04',
    checked: CHECKED,
  },
  emergencySms: {
    cite: ['bucksfire.gov.uk/safety-hub/emergency-sms', 'southtees.nhs.uk/services/audiology/emergencysms', 'vanel.org.uk'],
    date: '2023-06',
    checked: CHECKED,
  },
  bsl999: { cite: ['wmfs.net/safety/999-bsl-uk-emergency-video-relay-service'], date: '2022-06-17', checked: CHECKED },
  askForAni: {
    cite: ['cpwales.org.uk/ask-for-ani-domestic-abuse-codeword-scheme-d54', 'kmpt.nhs.uk (2021)'],
    date: '2022-02',
    checked: CHECKED,
  },
  police101: { cite: ['bbc.co.uk/news/uk-48423791'], date: null, checked: CHECKED },
  techSafety: {
    cite: ['techsafety.org/spyware', 'wokingham.gov.uk (2023)', 'refuge.org.uk secure-your-tech', 'cambs.police.uk', 'Kent Police (2021)'],
    date: null,
    checked: CHECKED,
  },
  quickExit: { cite: ['design-system.service.gov.uk/components/exit-this-page'], date: null, checked: CHECKED },
  reporting: {
    cite: ['avonandsomerset.police.uk/news/2025/04/fixated-obsessive-unwanted-repeated-four-ways-to-spot-signs-of-stalking'],
    date: '2025-04',
    checked: CHECKED,
  },
  diary: { cite: ['Suzy Lamplugh Trust (2010)', 'Lancashire Police (2018)'], date: null, checked: CHECKED },
  evidence: { cite: ['Sussex Police (2021)', 'Cambridgeshire Police', 'Revenge Porn Helpline FAQ'], date: null, checked: CHECKED },
  paladin: { cite: ['devon.gov.uk/dsva/stalking'], date: null, checked: CHECKED },
} as const satisfies Record<string, Source>;
