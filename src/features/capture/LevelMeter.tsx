import { useEffect, useRef } from 'react';

/**
 * How loud the microphone is, drawn as a bar from an AnalyserNode: decorative (hidden from
 * screen readers; the elapsed time says a recording runs). Nothing is kept: it reads the live
 * level only. Where the browser has no Web Audio, it shows nothing.
 */
export function LevelMeter({ stream }: { stream: MediaStream }) {
  const bar = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (typeof AudioContext !== 'function' || stream.getAudioTracks().length === 0) return;
    let context: AudioContext;
    try {
      context = new AudioContext();
    } catch {
      return;
    }
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    let frame = 0;
    const draw = () => {
      analyser.getByteTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128));
      if (bar.current) bar.current.style.inlineSize = `${Math.min(100, Math.round((peak / 128) * 140))}%`;
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
      void context.close().catch(() => undefined);
    };
  }, [stream]);
  return (
    <span className="level-meter" aria-hidden="true">
      <span className="level-meter-bar" ref={bar} />
    </span>
  );
}
