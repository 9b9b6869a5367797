// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aQuickIncident } from '../../support/incidentFactories';
import { belowFieldsShown, renderDiary, testDiary } from './renderDiary';

async function withEditedIncident() {
  const repository = await testDiary();
  const first = aQuickIncident(
    { whatHappened: 'He was waiting at the gate', where: 'The park', behaviours: ['loitering'] },
    new Date('2026-03-09T19:05:00'),
  );
  const id = await repository.add(first);
  await repository.edit(id, {
    ...first,
    where: 'The station',
    whatHappened: `He was waiting at the gate.\nHe followed me to the bus and got on after me.`,
    behaviours: ['loitering', 'following'],
    witnesses: [{ name: 'Siân', contact: '07700 900123' }],
    reported: { reported: true, policeReference: 'CR/0042/26', officer: 'PC Jones' },
    effect: { howItFelt: 'Frightened', whatItChanged: 'I take a taxi now' },
  });
  return { repository, id };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('incident detail', () => {
  it('paints its fields first: the history of changes and the delete button come after that frame', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => frames.push(run));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const { repository, id } = await withEditedIncident();
    await renderDiary(repository, `/incidents/${id}`);
    expect(screen.getByRole('heading', { level: 1, name: 'Incident' })).toBeTruthy();
    expect(document.querySelector('.incident-fields')?.textContent).toContain('The station');
    expect(document.querySelector('.incident-history')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    await act(async () => {
      for (const frame of frames.splice(0)) frame(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getByRole('region', { name: 'History of changes' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy();
  });

  it("names the files in its first frame, and draws each file's facts and Show button after it", async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => frames.push(run));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const repository = await testDiary();
    const file = (id: string, name: string) => ({ id, name, type: 'image/jpeg', size: 58_000, sha256: 'ab'.repeat(32) });
    const id = await repository.add({
      ...aQuickIncident({ whatHappened: 'He photographed my door' }, new Date('2026-03-09T19:05:00')),
      attachments: [file('f1', 'door.jpg'), file('f2', ''), file('f3', 'letter\u202Egnp.exe')],
    });
    await renderDiary(repository, `/incidents/${id}`);
    const filesRow = () =>
      [...document.querySelectorAll('.incident-fields > div')].find((div) => div.querySelector('dt')?.textContent === 'Attachments');
    const names = [...(filesRow()?.querySelectorAll('.attachment-names li') ?? [])];
    expect(names.map((li) => li.textContent)).toEqual(['door.jpg', 'Unnamed file', 'letter\u202Egnp.exe']);
    // Each name isolated from the text around it: a right-to-left override stays inside it.
    expect(names.map((li) => li.firstElementChild?.tagName)).toEqual(['BDI', 'BDI', 'BDI']);
    expect(document.querySelector('.attachment-item')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Show' })).toBeNull();
    await act(async () => {
      for (const frame of frames.splice(0)) frame(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(filesRow()?.querySelector('.attachment-names')).toBeNull();
    expect([...(filesRow()?.querySelectorAll('.attachment-item .attachment-name') ?? [])].map((p) => p.textContent)).toEqual([
      'door.jpg',
      'Unnamed file',
      'letter\u202Egnp.exe',
    ]);
    expect(screen.getAllByRole('button', { name: 'Show' })).toHaveLength(3);
  });

  it('shows every field, when it happened and when it was written down', async () => {
    const { repository, id } = await withEditedIncident();
    await renderDiary(repository, `/incidents/${id}`);
    expect(screen.getByRole('heading', { level: 1, name: 'Incident' })).toBeTruthy();
    const fields = Object.fromEntries(
      [...document.querySelectorAll('.incident-fields > div')].map((div) => [
        div.querySelector('dt')?.textContent,
        div.querySelector('dd')?.textContent,
      ]),
    );
    expect(fields).toMatchObject({
      'When it happened': '9 Mar 2026 at 19:05',
      Where: 'The station',
      'What happened': 'He was waiting at the gate.\nHe followed me to the bus and got on after me.',
      'What it involved': 'FollowingLoitering nearby',
      'Who did it': 'Not recorded',
      Witnesses: 'Siân: 07700 900123',
      'Reported to police': 'Yes',
      'Police reference': 'CR/0042/26',
      Officer: 'PC Jones',
      'How it made you feel': 'Frightened',
      'What it changed in your daily life': 'I take a taxi now',
      'First written down': '10 Mar 2026, 12:01',
      'Last changed': '10 Mar 2026, 12:02',
    });
    expect(screen.getByRole('link', { name: 'Edit' }).getAttribute('href')).toBe(`/incidents/${id}/edit`);
  });

  it('lists each edit with what changed', async () => {
    const user = userEvent.setup();
    const { repository, id } = await withEditedIncident();
    await renderDiary(repository, `/incidents/${id}`);
    await belowFieldsShown();
    const steps = [...document.querySelectorAll('.history-step')];
    expect(steps.map((s) => s.querySelector('.history-when')?.textContent)).toEqual([
      "First written down 10 Mar 2026, 12:01, by this device's clock",
      "Edited 10 Mar 2026, 12:02, by this device's clock",
    ]);
    const changes = [...(steps[1]?.querySelectorAll('.change') ?? [])].map((c) => c.textContent);
    expect(changes).toEqual([
      'Where The park → The station',
      expect.stringMatching(/^What happened changed/),
      'What it involved added Following',
      'Witnesses added Siân: 07700 900123',
      'Reported to police No → Yes',
      'Police reference (blank) → CR/0042/26',
      'Officer (blank) → PC Jones',
      'How it made you feel (blank) → Frightened',
      'What it changed in your daily life (blank) → I take a taxi now',
    ]);
    await user.click(screen.getByText('Show before and after'));
    expect(screen.getByText('He was waiting at the gate')).toBeTruthy();
  });

  it('deletes only after a second, explicit step, then goes back to the diary', async () => {
    const user = userEvent.setup();
    const { repository, id } = await withEditedIncident();
    const { router } = await renderDiary(repository, `/incidents/${id}`);
    await belowFieldsShown();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByRole('heading', { name: 'Delete this incident?' })).toBe(document.activeElement);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(repository.snapshot().entries).toHaveLength(1);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete' }));

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete it' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(repository.snapshot().entries).toHaveLength(0);
    expect(repository.history(id).at(-1)?.link.kind).toBe('tombstone');
    expect(await screen.findByTestId('deleted-count')).toHaveProperty(
      'textContent',
      '1 entry deleted; the record of changes keeps that it existed and when it was deleted.',
    );
    await waitFor(() => expect(screen.getByTestId('integrity').textContent).toMatch(/3 records, nothing altered or missing/));
  });

  it('explains an unknown address and a deleted incident, with a way back', async () => {
    const { repository, id } = await withEditedIncident();
    await repository.remove(id);
    await renderDiary(repository, '/incidents/no-such-id');
    expect(screen.getByRole('heading', { level: 1, name: 'Incident not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to your diary' }).getAttribute('href')).toBe('/');
  });

  it('says when a deleted incident was deleted', async () => {
    const { repository, id } = await withEditedIncident();
    await repository.remove(id);
    await renderDiary(repository, `/incidents/${id}`);
    expect(screen.getByRole('heading', { level: 1, name: 'Incident deleted' })).toBeTruthy();
    expect(screen.getByText(/This incident was deleted 10 Mar 2026, 12:03/)).toBeTruthy();
  });

  it('reads in Welsh, field names and changes included', async () => {
    const { repository, id } = await withEditedIncident();
    await renderDiary(repository, `/incidents/${id}`, 'cy');
    expect(screen.getByRole('heading', { level: 1, name: 'Digwyddiad' })).toBeTruthy();
    await belowFieldsShown();
    expect(screen.getByText('Hanes y newidiadau')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Golygu' })).toBeTruthy();
    expect(document.body.textContent).toContain('Naddo → Do');
    expect(document.body.textContent).not.toMatch(/\b(detail|history|fields|delete|behaviours)\.[a-z]/);
  });
});
