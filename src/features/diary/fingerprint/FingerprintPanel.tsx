import { useEffect, useRef, useState, type Ref } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { formatFingerprint, type TreeHead } from '../../../core/evidence';
import type { FingerprintShareMethod } from '../../../core/store/fingerprintStore';
import { useDiary } from '../../../shared/diary/useDiary';
import { formatMoment } from '../../../shared/format/formatWhen';
import { useLocale } from '../../../shared/hooks/useLocale';
import type { FingerprintShares } from './useFingerprintShares';
import './fingerprint.css';

/** On the root element while only the fingerprint is being printed (see fingerprint.css). */
const PRINTING_CLASS = 'printing-fingerprint';

/** A share sheet the person closed without choosing anywhere to send to. */
function isCancelled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

const canShare = () => typeof navigator !== 'undefined' && typeof navigator.share === 'function';
const canCopy = () => typeof navigator !== 'undefined' && typeof navigator.clipboard?.writeText === 'function';

interface FingerprintPanelProps {
  shares: FingerprintShares;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The summary, for the invitation to move focus to. */
  summaryRef?: Ref<HTMLElement>;
}

/**
 * "Diary fingerprint": the diary's tree head as a short code, to give to someone trusted so they
 * can later confirm the diary was not rewritten after today. Share, copy or print it; each that
 * goes through is noted (encrypted) with the date, for later exports and the monthly invitation.
 * Only the code and one line about it ever leave the device, never anything written in the diary.
 * Worked out only once opened: it hashes every link (once per change; the repository keeps it).
 */
export function FingerprintPanel({ shares, open, onOpenChange, summaryRef }: FingerprintPanelProps) {
  const { t } = useTranslation('diary');
  const language = useLocale();
  const { treeHead, snapshot } = useDiary();
  const lastHash = snapshot?.links.at(-1)?.hash ?? '';
  const [head, setHead] = useState<TreeHead | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [printing, setPrinting] = useState<{ head: TreeHead; at: string } | null>(null);
  const endPrint = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    treeHead().then(
      (value) => {
        if (!current) return;
        setHead(value);
        setFailed(false);
      },
      () => {
        if (!current) return;
        // Nothing can be shared until it has been worked out again.
        setHead(null);
        setFailed(true);
      },
    );
    return () => {
      current = false;
    };
    // Again whenever the chain changes: a save, a delete, a restore.
  }, [open, treeHead, lastHash]);

  // The page goes back to normal if the screen goes while the print dialog is up.
  useEffect(() => () => endPrint.current?.(), []);

  const message = (shown: TreeHead) =>
    t('fingerprint.shareText', { fingerprint: formatFingerprint(shown), moment: formatMoment(new Date().toISOString(), language) });

  /** Notes that `shown` left the device; says so, and says if it could not be noted. */
  const noted = async (shown: TreeHead, how: FingerprintShareMethod, done: string) => {
    try {
      await shares.noteShared(shown, how);
      setStatus(done);
    } catch {
      setStatus(`${done} ${t('fingerprint.notNoted')}`);
    }
  };

  const act = async (action: (shown: TreeHead) => Promise<void>) => {
    if (!head || busy) return;
    setBusy(true);
    setStatus('');
    try {
      await action(head);
    } finally {
      setBusy(false);
    }
  };

  const share = (shown: TreeHead) =>
    navigator.share({ text: message(shown) }).then(
      () => noted(shown, 'share', t('fingerprint.shared')),
      // Closing the share sheet shares nothing, so nothing is noted.
      (error: unknown) => setStatus(t(isCancelled(error) ? 'fingerprint.shareCancelled' : 'fingerprint.shareFailed')),
    );

  const copy = (shown: TreeHead) =>
    navigator.clipboard.writeText(message(shown)).then(
      () => noted(shown, 'copy', t('fingerprint.copied')),
      () => setStatus(t('fingerprint.copyFailed')),
    );

  const print = async (shown: TreeHead) => {
    // A print whose dialog never said it closed (no afterprint here) ends before the next.
    endPrint.current?.();
    // Only the printable section is on paper (fingerprint.css), and only while printing.
    flushSync(() => setPrinting({ head: shown, at: new Date().toISOString() }));
    const root = document.documentElement;
    const end = () => {
      window.removeEventListener('afterprint', end);
      root.classList.remove(PRINTING_CLASS);
      endPrint.current = null;
      setPrinting(null);
    };
    endPrint.current = end;
    root.classList.add(PRINTING_CLASS);
    window.addEventListener('afterprint', end);
    try {
      window.print();
    } catch {
      end();
      setStatus(t('fingerprint.printFailed'));
      return;
    }
    // Whether it reached paper cannot be known; the print dialog was offered.
    await noted(shown, 'print', t('fingerprint.printed'));
  };

  const lastSharedAt = shares.shared?.lastSharedAt;
  return (
    <details className="fingerprint" open={open} onToggle={(event) => onOpenChange(event.currentTarget.open)}>
      <summary ref={summaryRef}>{t('fingerprint.title')}</summary>
      <p>{t('fingerprint.intro')}</p>
      <p>{t('fingerprint.why')}</p>
      {failed ? (
        <p className="error">{t('fingerprint.failed')}</p>
      ) : !head ? (
        <p className="hint">{t('fingerprint.working')}</p>
      ) : (
        <>
          <p className="fingerprint-code" data-testid="fingerprint">
            <code>{formatFingerprint(head)}</code>
          </p>
          <p className="hint">{t('fingerprint.records', { size: head.size })}</p>
        </>
      )}
      {lastSharedAt !== undefined && (
        <p className="hint">
          {lastSharedAt === null
            ? t('fingerprint.neverShared')
            : t('fingerprint.lastShared', { moment: formatMoment(lastSharedAt, language) })}
        </p>
      )}
      <div className="button-row">
        {canShare() && (
          <button type="button" className="button primary" disabled={!head} onClick={() => void act(share)}>
            {t('fingerprint.share')}
          </button>
        )}
        {canCopy() && (
          <button type="button" className="button" disabled={!head} onClick={() => void act(copy)}>
            {t('fingerprint.copy')}
          </button>
        )}
        <button type="button" className="button" disabled={!head} onClick={() => void act(print)}>
          {t('fingerprint.print')}
        </button>
      </div>
      <p role="status" className="fingerprint-status">
        {status}
      </p>
      {printing &&
        createPortal(
          <section className="fingerprint-print">
            <h1>{t('fingerprint.title')}</h1>
            <p className="fingerprint-code">{formatFingerprint(printing.head)}</p>
            <p>{t('fingerprint.records', { size: printing.head.size })}</p>
            <p>{t('fingerprint.printMade', { moment: formatMoment(printing.at, language) })}</p>
            <p>{t('fingerprint.printExplain')}</p>
          </section>,
          document.body,
        )}
    </details>
  );
}
