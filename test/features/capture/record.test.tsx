// @vitest-environment jsdom
// The Record screen and the recording bar (issue 17 point 4) over a recorder with a fake
// MediaRecorder and sealer: no broken button where the browser cannot record, Record audio shows
// the time and Stop, Stop says it was saved to New items, a refused permission is said plainly,
// and the bar shows on other screens (not beside the Record screen's own controls).

import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CaptureRecorder, type MediaRecorderLike, type RecorderDeps } from '../../../src/core/capture/recorder';
import { RecordingBar } from '../../../src/features/capture/RecordingBar';
import { RecordScreen } from '../../../src/features/capture/RecordScreen';
import { testI18n } from '../../support/i18n';

class FakeRecorder implements MediaRecorderLike {
  state: 'inactive' | 'recording' | 'paused' = 'inactive';
  ondataavailable: ((data: Blob) => void) | null = null;
  onstop: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly mimeType: string) {}
  start() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    queueMicrotask(() => {
      this.ondataavailable?.(new Blob([new Uint8Array(2048)]));
      this.onstop?.();
    });
  }
}

function fakeRecorder(media: () => Promise<void> = () => Promise.resolve()) {
  const tracks = [
    {
      stopped: false,
      stop() {
        this.stopped = true;
      },
    },
  ];
  let size = 0;
  const recorders: FakeRecorder[] = [];
  const deps: RecorderDeps = {
    getUserMedia: async () => {
      await media();
      return { getTracks: () => tracks, getAudioTracks: () => tracks } as unknown as MediaStream;
    },
    isTypeSupported: () => true,
    createRecorder: (_stream, type) => {
      const made = new FakeRecorder(type);
      recorders.push(made);
      return made;
    },
    openStream: () =>
      Promise.resolve({
        sealer: {
          id: 'a'.repeat(32),
          get size() {
            return size;
          },
          fits: () => true,
          append: (bytes: Uint8Array) => {
            size += bytes.length;
            return Promise.resolve();
          },
          finish: () => Promise.resolve(),
          close: () => undefined,
        },
        close: () => undefined,
      }),
    now: () => 0,
    clock: () => new Date('2026-12-03T14:05:00.000Z'),
  };
  return { recorder: new CaptureRecorder(deps), tracks, recorders };
}

async function withI18n(children: ReactNode) {
  const i18n = await testI18n();
  return render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>{children}</MemoryRouter>
    </I18nextProvider>,
  );
}

const ALL = { audio: true, video: true, photo: true };
const savePhoto = () => Promise.resolve('id');

describe('the Record screen', () => {
  it('a browser that cannot record gets words and the guide, never a button that would not work', async () => {
    await withI18n(
      <RecordScreen recorder={fakeRecorder().recorder} support={{ audio: false, video: false, photo: false }} savePhoto={savePhoto} />,
    );
    expect(screen.getByText('This browser cannot record sound here.')).toBeTruthy();
    expect(screen.getByText('This browser cannot use the camera here.')).toBeTruthy();
    expect(screen.getByText('This browser cannot record video here.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record audio' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Take a photo' })).toBeNull();
    expect(screen.getByText('How to add a screenshot')).toBeTruthy();
  });

  it('Record audio shows the time and Stop; Stop lets the microphone go and says it was saved', async () => {
    const { recorder, tracks } = fakeRecorder();
    const user = userEvent.setup();
    await withI18n(<RecordScreen recorder={recorder} support={ALL} savePhoto={savePhoto} />);
    await user.click(screen.getByRole('button', { name: 'Record audio' }));
    expect(await screen.findByText('Recording sound')).toBeTruthy();
    expect(screen.getByText('00:00')).toBeTruthy();
    expect(screen.getByText('Recording started.')).toBeTruthy();
    // One recording at a time.
    expect((screen.getByRole('button', { name: 'Record video' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await screen.findByRole('link', { name: 'Go to New items' });
    expect(screen.getAllByRole('status').some((status) => status.textContent.startsWith('Saved to New items. Length 00:00, 2'))).toBe(true);
    expect(tracks.every((track) => track.stopped)).toBe(true);
  });

  it('a refused permission is said plainly', async () => {
    const { recorder } = fakeRecorder(() => Promise.reject(Object.assign(new Error('no'), { name: 'NotAllowedError' })));
    await withI18n(<RecordScreen recorder={recorder} support={ALL} savePhoto={savePhoto} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Record audio' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Daybook was not allowed to use the microphone or camera.');
  });
});

describe('the recording bar', () => {
  it('shows on other screens while recording, with Stop, then says it was saved; not beside the Record screen', async () => {
    const { recorder } = fakeRecorder();
    await recorder.start('audio');
    const user = userEvent.setup();
    const view = await withI18n(<RecordingBar recorder={recorder} locked={false} />);
    const bar = screen.getByRole('region', { name: 'Recording' });
    expect(bar.textContent).toContain('Recording sound');
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect((await screen.findByRole('status', { name: 'Recording' })).textContent).toContain('Saved to New items.');
    await user.click(screen.getByRole('button', { name: 'OK' }));
    expect(screen.queryByRole('status', { name: 'Recording' })).toBeNull();
    view.unmount();

    const other = fakeRecorder();
    await other.recorder.start('audio');
    await withI18n(
      <>
        <RecordingBar recorder={other.recorder} locked={false} />
        <RecordScreen recorder={other.recorder} support={ALL} savePhoto={savePhoto} />
      </>,
    );
    expect(screen.queryByRole('region', { name: 'Recording' })).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Stop' })).toHaveLength(1);
    other.recorder.stop();
  });

  it('on the lock screen it shows a running recording with Stop, and nothing once it has ended (saved or failed)', async () => {
    const { recorder } = fakeRecorder();
    await recorder.start('audio');
    const user = userEvent.setup();
    const i18n = await testI18n();
    const bar = (locked: boolean) => (
      <I18nextProvider i18n={i18n}>
        <MemoryRouter>
          <RecordingBar recorder={recorder} locked={locked} />
        </MemoryRouter>
      </I18nextProvider>
    );
    const view = render(bar(true));
    const region = screen.getByRole('region', { name: 'Recording' });
    expect(region.textContent).toContain('Recording sound');
    expect(region.textContent).toContain('00:00');
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(recorder.getState().status).toBe('saved'));
    // Whoever holds the locked phone is not told that a recording was made and saved.
    expect(screen.queryByRole('region', { name: 'Recording' })).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    expect(document.body.textContent).not.toContain('Saved to New items.');
    // Once unlocked, the person who recorded is told.
    view.rerender(bar(false));
    expect((await screen.findByRole('status', { name: 'Recording' })).textContent).toContain('Saved to New items.');
    view.unmount();

    const failing = fakeRecorder();
    await failing.recorder.start('audio');
    const locked = await withI18n(<RecordingBar recorder={failing.recorder} locked={true} />);
    expect(screen.getByRole('region', { name: 'Recording' })).toBeTruthy();
    act(() => failing.recorders[0]?.onerror?.());
    expect(failing.recorder.getState().status).toBe('failed');
    expect(screen.queryByRole('region', { name: 'Recording' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    locked.unmount();
  });
});
