// A recording cut off before Stop (a closed page, a crash, Quick exit) stays marked as cut off
// once it is part of an incident: its attachment says `interrupted`, which a recording that was
// stopped, a shared file and a recording still being made never get.

import { beforeAll, describe, expect, it } from 'vitest';
import { InboxStore } from '../../../src/core/inbox/inbox';
import { takeFromInbox } from '../../../src/core/inbox/intoIncident';
import { openInboxStream } from '../../../src/core/inbox/lockedInbox';
import { parseIncident } from '../../../src/core/model/incidentParse';
import { AttachmentStore } from '../../../src/core/store/attachmentStore';
import type { StreamStart } from '../../../src/core/inbox/stream';
import { provisionInbox } from '../../../src/core/vault/featureStores';
import { anIncident } from '../../support/incidentFactories';
import { createdVault } from '../../support/vault';

const START: StreamStart = {
  via: 'recording',
  name: 'recording-2026-12-03_14-05-00.webm',
  type: 'audio/webm',
  receivedAt: new Date('2026-12-03T14:05:00.000Z'),
};

let dbName: string;
let inbox: InboxStore;
let attachments: AttachmentStore;

beforeAll(async () => {
  const setup = await createdVault();
  dbName = setup.name;
  inbox = new InboxStore(setup.db, () => setup.session.dataKey());
  attachments = new AttachmentStore(setup.db, () => setup.session.dataKey());
  await provisionInbox(setup.vault, inbox);
});

async function recorded(ending: 'stop' | 'cut' | 'live', start: StreamStart = START) {
  const { sealer, close } = await openInboxStream(dbName, start);
  await sealer.append(new Uint8Array(300).fill(7), 1000);
  if (ending === 'stop') await sealer.finish(1000, new Date('2026-12-03T14:06:00.000Z'));
  if (ending === 'cut') sealer.close();
  if (ending !== 'live') close();
  return { id: sealer.id, sealer, close };
}

describe('an interrupted recording taken into an incident', () => {
  it('keeps `interrupted: true` on its attachment, which parses', async () => {
    const { id } = await recorded('cut');
    const taken = await takeFromInbox(inbox, attachments, id);
    if (taken.kind !== 'file') throw new Error('expected a file');
    expect(taken.ref).toMatchObject({ receivedVia: 'recording', interrupted: true, size: 300 });
    const parsed = parseIncident(anIncident({ attachments: [taken.ref] }));
    expect(parsed.ok && parsed.value.attachments[0]).toEqual(taken.ref);
  });

  it('a recording that was stopped is not marked', async () => {
    const { id } = await recorded('stop');
    const taken = await takeFromInbox(inbox, attachments, id);
    if (taken.kind !== 'file') throw new Error('expected a file');
    expect(taken.ref.receivedVia).toBe('recording');
    expect(taken.ref).not.toHaveProperty('interrupted');
  });

  it('a recording still being made cannot be taken, so is never marked', async () => {
    const { id, sealer, close } = await recorded('live');
    await expect(takeFromInbox(inbox, attachments, id)).rejects.toMatchObject({ code: 'inbox/live' });
    sealer.close();
    close();
  });

  it('the model refuses `interrupted` on a file that is no recording', () => {
    const ref = { id: 'a1', name: 'x.png', type: 'image/png', size: 1, sha256: 'ab'.repeat(32), receivedAt: '2026-12-03T14:05:00.000Z' };
    const shared = parseIncident(anIncident({ attachments: [{ ...ref, receivedVia: 'share', interrupted: true } as never] }));
    expect(shared.ok).toBe(false);
  });
});
