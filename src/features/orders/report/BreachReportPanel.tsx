import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../core/model/incident';
import type { FormerConditionText } from '../../../core/export/breachReport/breachSummary';
import type { CourtOrder } from '../../../core/model/order';
import { canShareFile, downloadFile, shareFile } from '../../../shared/files/saveFile';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import type { MakeBreachReportPdf } from './makeBreachReportPdf';
import './breachReport.css';

export interface BreachReportPanelProps {
  orderId: string;
  order: CourtOrder;
  incident: Incident;
  conditionIds: readonly string[];
  /** Conditions no longer on the order, with their last known wording (from its history). */
  formerConditions?: readonly FormerConditionText[];
  /** Makes the PDF (the worker-backed maker in the app; a stand-in in tests). */
  make: MakeBreachReportPdf;
  onClose: () => void;
  id?: string;
}

type State = { status: 'making' } | { status: 'ready'; file: File } | { status: 'failed' };

/**
 * The breach summary, made as soon as the panel opens so that Save and Share act at once (a
 * browser only opens the share sheet straight after a tap, not after seconds of drawing).
 */
export function BreachReportPanel({
  orderId,
  order,
  incident,
  conditionIds,
  formerConditions = [],
  make,
  onClose,
  id,
}: BreachReportPanelProps) {
  const { t, i18n } = useTranslation('breachReport');
  const titleId = useId();
  const [attempt, setAttempt] = useState(0);
  const [shareError, setShareError] = useState<string | null>(null);
  // The summary is remade when what it shows (or the language) changes, not on every render.
  const content = JSON.stringify([orderId, order, incident, conditionIds, formerConditions, i18n.language]);
  const key = `${attempt}:${content}`;
  const [result, setResult] = useState<{ key: string; file: File | null } | null>(null);
  const state: State =
    result?.key !== key ? { status: 'making' } : result.file ? { status: 'ready', file: result.file } : { status: 'failed' };

  useEffect(() => {
    const controller = new AbortController();
    const [currentId, currentOrder, currentIncident, currentConditions, currentFormer] = JSON.parse(content) as [
      string,
      CourtOrder,
      Incident,
      string[],
      FormerConditionText[],
    ];
    make(
      {
        orderId: currentId,
        order: currentOrder,
        incident: currentIncident,
        conditionIds: currentConditions,
        formerConditions: currentFormer,
      },
      i18n,
      controller.signal,
    ).then(
      (file) => {
        if (!controller.signal.aborted) setResult({ key, file });
      },
      () => {
        if (!controller.signal.aborted) setResult({ key, file: null });
      },
    );
    return () => controller.abort();
  }, [content, key, make, i18n]);

  const file = state.status === 'ready' ? state.file : null;
  const share = async (ready: File) => {
    setShareError(null);
    try {
      await shareFile(ready);
    } catch {
      setShareError(t('panel.shareFailed'));
    }
  };

  return (
    <section id={id} className="breach-report-panel" aria-labelledby={titleId}>
      <h4 id={titleId}>{t('panel.title')}</h4>
      <p>{t('panel.intro')}</p>
      <p className="notice">{t('panel.notEncrypted')}</p>
      {/* One live region, present throughout, so "ready" is announced as it replaces "preparing". */}
      <p className="loading" role="status">
        {state.status === 'making' ? t('panel.preparing') : state.status === 'ready' ? t('panel.ready') : ''}
      </p>
      {state.status === 'failed' && (
        <>
          <ErrorAlert message={t('panel.failed')} />
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('panel.retry')}
          </button>
        </>
      )}
      <div className="button-row">
        <button type="button" className="button primary" disabled={!file} onClick={() => file && downloadFile(file)}>
          {t('panel.save')}
        </button>
        {file && canShareFile(file) && (
          <button type="button" className="button" onClick={() => void share(file)}>
            {t('panel.share')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('panel.close')}
        </button>
      </div>
      <ErrorAlert message={shareError} />
    </section>
  );
}
