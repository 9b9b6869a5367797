import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Phase = { kind: 'closed' } | { kind: 'opening' } | { kind: 'open'; stream: MediaStream } | { kind: 'saving' };

interface Props {
  /** Seals the picture into the inbox (the app passes it); rejects with a `code`. */
  savePhoto: (photo: Blob) => Promise<unknown>;
  /** Told when a photo was saved, or what went wrong (a capture/ or inbox/ code). */
  onResult: (outcome: { saved: true } | { saved: false; code: string }) => void;
  /** Another capture is running: the camera cannot open now. */
  disabled: boolean;
}

function release(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

function mediaCode(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'capture/denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return 'capture/no-device';
  return 'capture/failed';
}

/** A JPEG of the video's current frame, drawn on a canvas: no EXIF, no location, nothing but pixels. */
function frameAsJpeg(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context || canvas.width === 0 || canvas.height === 0) return Promise.reject(new Error('no frame'));
  context.drawImage(video, 0, 0);
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        // The canvas goes: the picture is kept only sealed.
        context.clearRect(0, 0, canvas.width, canvas.height);
        canvas.width = 0;
        if (blob) resolve(blob);
        else reject(new Error('no picture'));
      },
      'image/jpeg',
      0.9,
    );
  });
}

/**
 * "Take a photo": the camera's live picture (never a file, never the gallery), and a button that
 * keeps one frame as a JPEG sealed straight into the inbox. The camera is let go at once after,
 * on Close, and when the screen goes (the diary locks).
 */
export function PhotoCapture({ savePhoto, onResult, disabled }: Props) {
  const { t } = useTranslation('capture');
  const [phase, setPhase] = useState<Phase>({ kind: 'closed' });
  // The shutter waits for the camera's first picture (before it, there is no frame to keep).
  const [ready, setReady] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const previewId = useId();

  useEffect(() => {
    if (phase.kind === 'open' && video.current) video.current.srcObject = phase.stream;
  }, [phase]);

  // The camera is let go when the screen goes (the diary locks), even if it opens only after.
  const shown = useRef(true);
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
      if (streamRef.current) release(streamRef.current);
      streamRef.current = null;
    };
  }, []);

  const close = () => {
    if (streamRef.current) release(streamRef.current);
    streamRef.current = null;
    if (video.current) video.current.srcObject = null;
  };

  const open = async () => {
    setReady(false);
    setPhase({ kind: 'opening' });
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      if (!shown.current) {
        release(stream);
        return;
      }
      streamRef.current = stream;
      setPhase({ kind: 'open', stream });
    } catch (error) {
      setPhase({ kind: 'closed' });
      onResult({ saved: false, code: mediaCode(error) });
    }
  };

  const take = async () => {
    const element = video.current;
    if (!element) return;
    setPhase({ kind: 'saving' });
    try {
      const photo = await frameAsJpeg(element);
      close();
      await savePhoto(photo);
      onResult({ saved: true });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      onResult({ saved: false, code: typeof code === 'string' ? code : 'capture/failed' });
    } finally {
      close();
      setPhase({ kind: 'closed' });
    }
  };

  if (phase.kind === 'closed' || phase.kind === 'opening') {
    return (
      <p className="button-row">
        <button type="button" className="button primary" disabled={disabled || phase.kind === 'opening'} onClick={() => void open()}>
          {t('record.photo')}
        </button>
      </p>
    );
  }
  return (
    <div className="capture-preview">
      <video
        ref={video}
        id={previewId}
        className="capture-video"
        muted
        playsInline
        autoPlay
        aria-label={t('record.cameraPreview')}
        onLoadedData={() => setReady(true)}
      />
      <p className="button-row">
        <button type="button" className="button primary" disabled={!ready || phase.kind === 'saving'} onClick={() => void take()}>
          {t('record.shutter')}
        </button>
        <button
          type="button"
          className="button"
          disabled={phase.kind === 'saving'}
          onClick={() => {
            close();
            setPhase({ kind: 'closed' });
          }}
        >
          {t('record.closeCamera')}
        </button>
      </p>
    </div>
  );
}
