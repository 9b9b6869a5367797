// Realistic, deterministic incidents for the benchmark: a few hundred characters of what
// happened, one to three behaviours, places, people, witnesses, police reports and effects.
// Generated from the incident's index, so every run (and the plain store) holds the same diary.

import { BEHAVIOURS, type Behaviour } from '../../../src/core/model/behaviours';
import { emptyIncident, type Incident, type IncidentWhen } from '../../../src/core/model/incident';

/** A small, fast PRNG (mulberry32): the same seed gives the same incident. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, list: readonly T[]): T => {
  const item = list[Math.floor(next() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
};

const PLACES = [
  'Outside work on Hanover Street',
  'At the bus stop by the library',
  'Platform 2 at the station',
  'The car park at the big supermarket',
  'Outside my flat',
  'At the school gates',
  'In the gym changing rooms corridor',
  'Online (Instagram)',
  'By text message',
  'On the phone',
  'At my mum’s house in Pontypridd',
  'The café on the high street',
  'Outside the doctor’s surgery',
  'At the park near the river',
];

const OPENINGS: Partial<Record<Behaviour, readonly string[]>> = {
  following: [
    'He followed me from the station all the way to the corner of my road, staying about twenty metres behind.',
    'I noticed the same grey car behind me on the way home from work, it took every turn I took.',
    'He walked behind me through the shopping centre and stopped whenever I stopped.',
  ],
  'turning-up': [
    'He turned up at my work again at closing time and waited by the door until I came out.',
    'He was standing outside the school gates when I went to collect the children.',
    'He appeared at the gym just as my class finished, even though he has never been a member.',
  ],
  loitering: [
    'He was sitting in his car across the road from my flat for over an hour in the evening.',
    'I saw him walking up and down outside the house several times between 9pm and 11pm.',
  ],
  'contact-phone': [
    'Three silent calls from a withheld number, one after the other, just after midnight.',
    'He rang eleven times from a withheld number while I was at work and left two voicemails.',
  ],
  'contact-text': [
    'I got a string of texts from a new number saying he just wanted to talk and that I owed him that much.',
    'He sent a message at 3am saying he knew I had been out with friends and who I had been with.',
  ],
  'contact-email': ['An email arrived at my work address from an account I did not recognise, signed with his initials.'],
  'contact-social': [
    'A new account followed me on Instagram and liked every photo going back two years within ten minutes.',
    'He sent a message request on Facebook from a profile with no picture, using the nickname only he uses.',
  ],
  'contact-via-others': ['My sister said he had been in touch asking where I was living now and whether I was seeing anyone.'],
  monitoring: [
    'He mentioned something I had only written in a private message to a friend, so I think he can see my account.',
    'I found that my email had been logged in from a device I do not own.',
  ],
  tracking: ['The mechanic found a small tracker taped inside the rear bumper of my car.'],
  'gifts-or-items': [
    'Flowers were left on the doorstep with a note signed Ŵyn, which is what he used to call himself.',
    'A parcel arrived with a book I had mentioned wanting years ago, no name on it.',
  ],
  'property-damage': ['Both wing mirrors on my car were smashed overnight and the tyre on the driver’s side was flat.'],
  threats: ['He said that if I did not talk to him I would regret it and that he knew where my parents live.'],
  violence: ['He grabbed my arm hard enough to leave a bruise when I tried to walk past him.'],
  'posting-or-impersonating': ['Someone made a profile using my photos and my name and has been messaging my colleagues.'],
  other: ['Something felt wrong: the gate was open and the bins had been moved, and I am sure I closed it.'],
};

const DETAILS = [
  'I did not say anything and went straight inside and locked the door.',
  'I took a photo of the car and the number plate from the window.',
  'I called my friend and stayed on the phone with her until I got home.',
  'I kept a screenshot of the messages and the number they came from.',
  'He was wearing the dark blue jacket again and had his hood up.',
  'It lasted about fifteen minutes before he drove off towards the ring road.',
  'A neighbour saw it too and said she would write down what she saw.',
  'This is the fourth time this month and it is getting more frequent.',
  'I changed my route home afterwards and went the long way round through the park.',
  'The CCTV at the shop should have it, the manager said they keep it for thirty days.',
];

const FEELINGS = [
  'Frightened and shaky, I could not sleep properly that night.',
  'Angry and exhausted. I feel like I am always looking over my shoulder.',
  'Sick to my stomach. I did not want to leave the house the next day.',
  'On edge all evening, jumping at every noise outside.',
];

const CHANGES = [
  'I now get a lift home from work instead of taking the bus.',
  'I have stopped going to the gym in the evenings.',
  'I changed my phone number and told only close family.',
  'I asked my manager to move me off the front desk.',
  'The children stay at my mum’s on the nights I work late.',
  '',
];

const PEOPLE = ['My ex-partner, D.', 'D. (my ex)', 'A man I think is D., same build and jacket', 'Unknown man, about 40, grey car'];

const WITNESSES = [
  { name: 'Sarah (neighbour at number 12)', contact: '07700 900123' },
  { name: 'Tom from work', contact: 'via the office, extension 214' },
  { name: 'My sister Rhian', contact: 'rhian@example.org' },
];

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoDate = (date: Date) => `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;

/** Weighted toward the common behaviours (contact, turning up, following). */
const COMMON: readonly Behaviour[] = [
  'following',
  'turning-up',
  'loitering',
  'contact-phone',
  'contact-text',
  'contact-social',
  'gifts-or-items',
];

function behavioursFor(next: () => number): Behaviour[] {
  const count = 1 + Math.floor(next() * 3);
  const chosen = new Set<Behaviour>();
  while (chosen.size < count) chosen.add(next() < 0.7 ? pick(next, COMMON) : pick(next, BEHAVIOURS));
  // Stored in the display order, as the form stores them.
  return BEHAVIOURS.filter((b) => chosen.has(b));
}

/**
 * Incident number `index` of `total`: dates spread over five years up to today, oldest first,
 * which is also the order a real diary is written in.
 */
export function incidentFor(index: number, total: number, today = new Date()): Incident {
  const next = random(index * 7919 + 17);
  const spanDays = 5 * 365;
  const daysAgo = Math.max(0, Math.round(spanDays * (1 - index / Math.max(total, 1)) - next() * 2));
  const day = new Date(
    today.getFullYear(),
    today.getMonth(),
    today.getDate() - daysAgo,
    8 + Math.floor(next() * 15),
    Math.floor(next() * 60),
  );
  const incident = emptyIncident(day);
  const roll = next();
  let when: IncidentWhen = incident.when;
  if (roll > 0.95) when = { kind: 'ongoing', since: isoDate(day) };
  else if (roll > 0.82) {
    const to = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 3);
    when = { kind: 'approximate', description: 'Sometime that week, in the evening', from: isoDate(day), to: isoDate(to) };
  } else if (roll > 0.75) when = { kind: 'exact', date: isoDate(day) };

  const behaviours = behavioursFor(next);
  const sentences = behaviours.map((b) => pick(next, OPENINGS[b] ?? OPENINGS.other ?? []));
  const details = 1 + Math.floor(next() * 3);
  for (let i = 0; i < details; i += 1) sentences.push(pick(next, DETAILS));
  const reported = next() < 0.25;
  return {
    ...incident,
    when,
    where: pick(next, PLACES),
    whatHappened: sentences.join(' '),
    behaviours,
    whoDidIt: pick(next, PEOPLE),
    witnesses: next() < 0.3 ? [pick(next, WITNESSES)] : [],
    evidenceElsewhere: next() < 0.4 ? 'Screenshots on my old phone, and the voicemails are saved in my Google account.' : '',
    reported: reported
      ? { reported: true, policeReference: `CR/${String(1000 + (index % 9000))}/${pad2(index % 100)}`, officer: 'PC Evans' }
      : { reported: false },
    effect: { howItFelt: pick(next, FEELINGS), whatItChanged: pick(next, CHANGES) },
  };
}

/** Random bytes of a plausible small photo size (20 to 100 KB), with a JPEG-like start. */
export function attachmentFor(index: number): { blob: Blob; name: string } {
  const next = random(index * 104729 + 3);
  const size = 20_000 + Math.floor(next() * 80_000);
  const bytes = new Uint8Array(size);
  // getRandomValues fills at most 65,536 bytes a call.
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, Math.min(offset + 65_536, size)));
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return { blob: new Blob([bytes], { type: 'image/jpeg' }), name: `IMG_${String(4000 + index)}.jpg` };
}

/**
 * A real JPEG of random pixels, about `mebibytes` MiB: a phone photo's size, and a picture
 * the PDF report can embed. Noise barely compresses: about 0.79 bytes a pixel at quality 0.9.
 */
export async function photoFor(index: number, mebibytes: number): Promise<{ blob: Blob; name: string }> {
  const pixels = (mebibytes * 1024 * 1024) / 0.79;
  const width = Math.round(Math.sqrt((pixels * 4) / 3));
  const height = Math.round((width * 3) / 4);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  const image = context.createImageData(width, height);
  const data = image.data;
  for (let offset = 0; offset < data.length; offset += 65_536)
    crypto.getRandomValues(data.subarray(offset, Math.min(offset + 65_536, data.length)));
  for (let alpha = 3; alpha < data.length; alpha += 4) data[alpha] = 255;
  context.putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  return { blob, name: `PXL_2025${String(index).padStart(4, '0')}.jpg` };
}
