import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { claimCaptureScreen } from '../../core/capture/activity';
import type { CaptureRecorder, RecorderState } from '../../core/capture/recorder';
import type { CaptureKind, CaptureSupport } from '../../core/capture/support';
import { HowToAddScreenshot } from '../../shared/capture/HowToAddScreenshot';
import { useFormatSize } from '../../shared/format/useFormatSize';
import { ElapsedAnnouncer } from './ElapsedAnnouncer';
import { LevelMeter } from './LevelMeter';
import { PhotoCapture } from './PhotoCapture';
import { formatElapsed, useRecorder } from './recording';

interface Props {
  /** This tab's recorder (it outlives the screen: a recording goes on while the diary locks). */
  recorder: CaptureRecorder;
  /** What the browser can do here (core/capture/support.ts captureSupport). */
  support: CaptureSupport;
  /** Seals a photo into the inbox. */
  savePhoto: (photo: Blob) => Promise<unknown>;
}

const AUDIO: CaptureKind = 'audio';
const VIDEO: CaptureKind = 'video';

type Outcome = { kind: 'photo-saved' } | { kind: 'failed'; code: string } | null;

const MESSAGES = {
  'capture/denied': 'record.denied',
  'capture/no-device': 'record.noDevice',
  'capture/unsupported': 'record.unsupported',
  'capture/no-key': 'record.noKey',
  'inbox/no-key': 'record.noKey',
  'inbox/too-large': 'record.failed',
  'capture/failed': 'record.failed',
} as const;

function messageKey(code: string): (typeof MESSAGES)[keyof typeof MESSAGES] {
  return code in MESSAGES ? MESSAGES[code as keyof typeof MESSAGES] : 'record.failed';
}

/** The camera's live picture while a video records (muted: the sound is recorded, not played). */
function VideoPreview({ stream }: { stream: MediaStream }) {
  const { t } = useTranslation('capture');
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (element) element.srcObject = stream;
    return () => {
      if (element) element.srcObject = null;
    };
  }, [stream]);
  return <video ref={video} className="capture-video" muted playsInline autoPlay aria-label={t('record.cameraPreview')} />;
}

/** The running recording of `kind`: time, level, Stop. */
function Running({ recorder, state, elapsedMs }: { recorder: CaptureRecorder; state: RecorderState; elapsedMs: number }) {
  const { t } = useTranslation('capture');
  if (state.status !== 'recording' && state.status !== 'stopping') return null;
  return (
    <div className="recording-now">
      {state.status === 'recording' && state.kind === 'video' && <VideoPreview stream={state.stream} />}
      <p className="recording-line">
        <span className="recording-dot" aria-hidden="true" />
        <span>{t(state.kind === 'audio' ? 'bar.recordingAudio' : 'bar.recordingVideo')}</span>{' '}
        <span className="recording-time">{formatElapsed(elapsedMs)}</span>
        {state.status === 'recording' && <LevelMeter stream={state.stream} />}
      </p>
      <p className="button-row">
        <button type="button" className="button primary" disabled={state.status === 'stopping'} onClick={() => recorder.stop()}>
          {t('record.stop')}
        </button>
      </p>
      <ElapsedAnnouncer recording={state.status === 'recording'} elapsedMs={elapsedMs} />
    </div>
  );
}

/**
 * "Record": sound, a photo or a video made in Daybook itself, sealed into the inbox as they are
 * made (never the gallery, nothing kept unencrypted), then under New items. A browser that cannot
 * do one of them says so instead of showing a button that would not work.
 */
export function RecordScreen({ recorder, support, savePhoto }: Props) {
  const { t } = useTranslation('capture');
  const { size } = useFormatSize();
  const { state, elapsedMs } = useRecorder(recorder);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const ids = useId();

  // While shown, this screen has the controls: the bar on other screens stays away.
  useEffect(() => claimCaptureScreen(), []);

  const busy = recorder.busy();
  const start = (kind: CaptureKind) => {
    setOutcome(null);
    void recorder.start(kind);
  };
  const startButton = (kind: CaptureKind) => (
    <p className="button-row">
      <button type="button" className="button primary" disabled={busy} onClick={() => start(kind)}>
        {t(kind === 'audio' ? 'record.audio' : 'record.video')}
      </button>
    </p>
  );
  const running = (kind: CaptureKind) => (state.status === 'recording' || state.status === 'stopping') && state.kind === kind;

  const ended = outcome === null && (state.status === 'saved' || state.status === 'failed') ? state : null;
  const anyMissing = !support.audio || !support.video || !support.photo;

  return (
    <>
      <h1>{t('record.title')}</h1>
      <p>{t('record.intro')}</p>
      <div role="status">
        {ended?.status === 'saved' && (
          <p>
            {t(ended.reason === 'limit' ? 'record.savedFull' : 'record.saved')}{' '}
            {t('record.savedFacts', { time: formatElapsed(ended.durationMs), size: size(ended.bytes) })}{' '}
            <Link to="/">{t('record.toNewItems')}</Link>
          </p>
        )}
        {outcome?.kind === 'photo-saved' && (
          <p>
            {t('record.saved')} <Link to="/">{t('record.toNewItems')}</Link>
          </p>
        )}
      </div>
      {(ended?.status === 'failed' || outcome?.kind === 'failed') && (
        <div role="alert" className="error">
          <p>{t(messageKey(ended?.status === 'failed' ? ended.code : outcome?.kind === 'failed' ? outcome.code : ''))}</p>
          {ended?.status === 'failed' && ended.itemId !== null && ended.bytes > 0 && <p>{t('record.keptPart')}</p>}
        </div>
      )}

      <section aria-labelledby={`${ids}-audio`}>
        <h2 id={`${ids}-audio`}>{t('record.audioTitle')}</h2>
        {!support.audio ? (
          <p>{t('record.audioUnsupported')}</p>
        ) : running(AUDIO) ? (
          <Running recorder={recorder} state={state} elapsedMs={elapsedMs} />
        ) : (
          startButton(AUDIO)
        )}
      </section>

      <section aria-labelledby={`${ids}-photo`}>
        <h2 id={`${ids}-photo`}>{t('record.photoTitle')}</h2>
        {!support.photo ? (
          <p>{t('record.photoUnsupported')}</p>
        ) : (
          <PhotoCapture
            savePhoto={savePhoto}
            disabled={busy}
            onResult={(result) => setOutcome(result.saved ? { kind: 'photo-saved' } : { kind: 'failed', code: result.code })}
          />
        )}
      </section>

      <section aria-labelledby={`${ids}-video`}>
        <h2 id={`${ids}-video`}>{t('record.videoTitle')}</h2>
        {!support.video ? (
          <p>{t('record.videoUnsupported')}</p>
        ) : running(VIDEO) ? (
          <Running recorder={recorder} state={state} elapsedMs={elapsedMs} />
        ) : (
          startButton(VIDEO)
        )}
      </section>

      {anyMissing && (
        <>
          <p>{t('record.useOwnApp')}</p>
          <HowToAddScreenshot />
        </>
      )}
      <p className="hint">{t('record.whileLocked')}</p>
    </>
  );
}
