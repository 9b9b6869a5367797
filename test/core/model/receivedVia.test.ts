// How a file reached Daybook (issue 17 point 5): `receivedVia` and, on a recording cut off before
// Stop, `interrupted`, as parseIncident reads them from anything outside (backups, packages, JSON).

import { describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../src/core/model/incident';
import { parseIncident } from '../../../src/core/model/incidentParse';
import { anIncident } from '../../support/incidentFactories';

const FILE: AttachmentRef = {
  id: 'a1b2c3',
  name: 'recording.webm',
  type: 'audio/webm',
  size: 1234,
  sha256: 'ab'.repeat(32),
  receivedAt: '2026-12-03T14:05:00.000Z',
};

const parsedFile = (ref: unknown) => {
  const result = parseIncident(anIncident({ attachments: [ref as AttachmentRef] }));
  return result.ok ? result.value.attachments[0] : null;
};

describe('receivedVia and interrupted on an attachment', () => {
  it('keeps each known way in, with its time', () => {
    for (const via of ['share', 'recording', 'camera', 'form'] as const)
      expect(parsedFile({ ...FILE, receivedVia: via })).toEqual({ ...FILE, receivedVia: via });
  });

  it('refuses an unknown way in, or one without a received time', () => {
    expect(parsedFile({ ...FILE, receivedVia: 'email' })).toBeNull();
    expect(parsedFile({ ...FILE, receivedVia: 1 })).toBeNull();
    const untimed: Partial<AttachmentRef> = { ...FILE, receivedVia: 'share' };
    delete untimed.receivedAt;
    expect(parsedFile(untimed)).toBeNull();
  });

  it('keeps interrupted only as true, and only on a recording', () => {
    expect(parsedFile({ ...FILE, receivedVia: 'recording', interrupted: true })).toEqual({
      ...FILE,
      receivedVia: 'recording',
      interrupted: true,
    });
    expect(parsedFile({ ...FILE, receivedVia: 'recording', interrupted: false })).toBeNull();
    expect(parsedFile({ ...FILE, receivedVia: 'recording', interrupted: 'yes' })).toBeNull();
    expect(parsedFile({ ...FILE, receivedVia: 'camera', interrupted: true })).toBeNull();
    expect(parsedFile({ ...FILE, interrupted: true })).toBeNull();
  });

  it('adds nothing to a file that came in before these were recorded', () => {
    expect(parsedFile(FILE)).toEqual(FILE);
  });
});
